using Xunit;

namespace Interop.Tests.Ikev2;

/// <summary>
/// One charon and one engine for a whole matrix class (starting charon per case would cost more than the 100 cases):
/// the connections of every case are loaded once and picked by name. A missing strongSwan is remembered and turned
/// into a skip (or a CI failure) in each case rather than a fixture crash.
/// </summary>
public abstract class MatrixLab : IAsyncLifetime
{
    public EngineInterop? Lab { get; private set; }

    public Exception? StartFailure { get; private set; }

    protected abstract IEnumerable<SwanConnection> SwanConnections { get; }

    protected abstract void LoadEngineConnections(EngineInterop lab);

    public async Task InitializeAsync()
    {
        try
        {
            Lab = await EngineInterop.StartAsync(SwanConnections, name: "matrix", logLevel: 0);
            LoadEngineConnections(Lab);
        }
        catch (Exception e)
        {
            StartFailure = e;
        }
    }

    /// <summary>Call first in every case: rethrows the start failure (a SkipException skips, anything else fails).</summary>
    public EngineInterop Require()
    {
        if (StartFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(StartFailure);
        }

        return Lab!;
    }

    public async Task DisposeAsync()
    {
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }
    }
}

/// <summary>charon answers whatever we propose from the whole product set; our engine offers one combination per case.</summary>
public sealed class EngineInitiatorLab : MatrixLab
{
    public const string SwanName = "any";

    protected override IEnumerable<SwanConnection> SwanConnections =>
    [
        new SwanConnection(
            SwanName,
            "aes128-aes192-aes256-des-3des-md5-sha1-sha256-sha384-sha512-modp768-modp1024-modp1536-modp2048",
            "aes128-aes192-aes256-des-3des-md5-sha1-sha256-sha384-sha512",
            EngineInterop.SwanAddress + "/32", EngineInterop.EngineAddress + "/32",
            // every case is a new IKE SA with INITIAL_CONTACT from the same identity: keep the earlier ones
            Extra: "unique = never"),
    ];

    protected override void LoadEngineConnections(EngineInterop lab)
    {
        foreach (AlgorithmMatrix.Case c in AlgorithmMatrix.All)
        {
            lab.Engine.LoadConnection(EngineInterop.EngineConfig(
                c.Name, $"{c.Enc.Api}/{c.Auth.Api}/{c.Dh.Api}", $"{c.Enc.Api}/{c.Auth.Api}", null,
                [EngineInterop.EngineAddress + "/32"], [EngineInterop.SwanAddress + "/32"]));
        }
    }
}

/// <summary>charon has one connection per combination and initiates it; our engine holds the same 100 connections on
/// the same endpoints and picks the one whose proposal matches (IKE_SA_INIT) and whose identities match (IKE_AUTH).</summary>
public sealed class EngineResponderLab : MatrixLab
{
    protected override IEnumerable<SwanConnection> SwanConnections =>
        AlgorithmMatrix.All.Select(c => new SwanConnection(
            c.Name, c.SwanIke, c.SwanEsp, EngineInterop.SwanAddress + "/32", EngineInterop.EngineAddress + "/32"));

    protected override void LoadEngineConnections(EngineInterop lab)
    {
        foreach (AlgorithmMatrix.Case c in AlgorithmMatrix.All)
        {
            lab.Engine.LoadConnection(EngineInterop.EngineConfig(
                c.Name, $"{c.Enc.Api}/{c.Auth.Api}/{c.Dh.Api}", $"{c.Enc.Api}/{c.Auth.Api}", null,
                [EngineInterop.EngineAddress + "/32"], [EngineInterop.SwanAddress + "/32"]));
        }
    }
}
