using Ike.Engine.Api;
using Interop.Tests.Ikev2;
using Xunit;

namespace Interop.Tests.Ikev1;

/// <summary>
/// One charon and one engine for a whole IKEv1 matrix class, main and aggressive mode together (charon keeps the modes
/// apart by its connections' <c>aggressive</c> flag, our engine by <see cref="IkeProtocol"/>): every case's connections
/// are loaded once and picked by name. A missing strongSwan is remembered and turned into a skip (or a CI failure) in
/// each case rather than a fixture crash.
/// </summary>
public abstract class Ikev1MatrixLab : IAsyncLifetime
{
    public Ikev1Lab? Lab { get; private set; }

    public Exception? StartFailure { get; private set; }

    /// <summary>The case's name in one mode: both our connection and charon's carry it.</summary>
    public static string CaseName(AlgorithmMatrix.Case c, bool aggressive) => (aggressive ? "a" : "") + "v1" + c.Name;

    protected abstract IEnumerable<SwanV1Connection> SwanConnections { get; }

    protected abstract IEnumerable<ConnectionConfig> EngineConnections { get; }

    public async Task InitializeAsync()
    {
        try
        {
            Lab = await Ikev1Lab.StartAsync(SwanConnections, name: "matrix1", logLevel: 0);
            foreach (ConnectionConfig connection in EngineConnections)
            {
                Lab.Engine.LoadConnection(connection);
            }
        }
        catch (Exception e)
        {
            StartFailure = e;
        }
    }

    /// <summary>Call first in every case: rethrows the start failure (a SkipException skips, anything else fails).</summary>
    public Ikev1Lab Require()
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

    protected static IEnumerable<ConnectionConfig> OneEngineConnectionPerCase(Func<AlgorithmMatrix.Case, bool, SwanV1Connection> swanFor) =>
        from aggressive in new[] { false, true }
        from c in AlgorithmMatrix.All
        select Ikev1Lab.EngineConfig(swanFor(c, aggressive) with { Name = CaseName(c, aggressive) },
            $"{c.Enc.Api}/{c.Auth.Api}/{c.Dh.Api}", $"{c.Enc.Api}/{c.Auth.Api}");
}

/// <summary>charon answers whatever we propose from the whole product set, one connection per mode; our engine offers
/// one combination per case.</summary>
public sealed class Ikev1EngineInitiatorLab : Ikev1MatrixLab
{
    private const string AllIke = "aes128-aes192-aes256-des-3des-md5-sha1-sha256-sha384-sha512-modp768-modp1024-modp1536-modp2048";
    private const string AllEsp = "aes128-aes192-aes256-des-3des-md5-sha1-sha256-sha384-sha512";

    public static SwanV1Connection Any(bool aggressive) => new(aggressive ? "anyaggr" : "anymain", aggressive, AllIke, AllEsp, Extra: "unique = never");

    protected override IEnumerable<SwanV1Connection> SwanConnections => [Any(false), Any(true)];

    protected override IEnumerable<ConnectionConfig> EngineConnections => OneEngineConnectionPerCase((_, aggressive) => Any(aggressive));
}

/// <summary>charon has one connection per combination and mode and initiates it; our engine holds the same 200
/// connections on the same endpoints and picks the one whose proposal (main mode) or identity and proposal (aggressive
/// mode) matches.</summary>
public sealed class Ikev1EngineResponderLab : Ikev1MatrixLab
{
    public static SwanV1Connection For(AlgorithmMatrix.Case c, bool aggressive) => new(CaseName(c, aggressive), aggressive, c.SwanIke, c.SwanEsp);

    protected override IEnumerable<SwanV1Connection> SwanConnections =>
        from aggressive in new[] { false, true } from c in AlgorithmMatrix.All select For(c, aggressive);

    protected override IEnumerable<ConnectionConfig> EngineConnections => OneEngineConnectionPerCase(For);
}
