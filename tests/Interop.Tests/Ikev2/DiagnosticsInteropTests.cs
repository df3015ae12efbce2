using Ike.Engine.Api;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev2;

/// <summary>
/// Failed negotiations with a real charon produce the diagnostics, seen from both sides: the exchange, the side
/// that refused, and what did not match (e.g. "IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024,
/// we accept aes/sha256/modp2048").
/// </summary>
public sealed class DiagnosticsInteropTests(ITestOutputHelper output)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    static readonly string[] SwanTs = [EngineInterop.SwanAddress + "/32"];
    static readonly string[] EngineTs = [EngineInterop.EngineAddress + "/32"];

    static SwanConnection Swan(string ike = "aes128-sha256-modp2048", string psk = EngineInterop.Psk) =>
        new("main", ike, "aes128-sha256", SwanTs[0], EngineTs[0], Psk: psk);

    static ConnectionConfig Ours(string psk = EngineInterop.Psk) =>
        EngineInterop.EngineConfig("main", "aes/sha256/group14", "aes/sha256", null, EngineTs, SwanTs, psk: psk);

    [SkippableFact]
    public async Task WrongPsk_EngineInitiates_ReportsThePeersRefusal()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(psk: "a-different-psk-0123456789")]);
        try
        {
            lab.Engine.LoadConnection(Ours());

            NegotiationResult result = await lab.Engine.InitiateAsync("main").WaitAsync(Timeout);

            Assert.False(result.Established);
            NegotiationDiagnostic failure = result.Failure!;
            Assert.Equal(("IKE_AUTH", "peer", "AUTHENTICATION_FAILED"), (failure.Exchange, failure.Side, failure.Reason));
            Assert.StartsWith("IKE_AUTH: AUTHENTICATION_FAILED — peer rejected our authentication: PSK mismatch or our ID fqdn:engine.lab.test", failure.Message);
            Assert.True(await lab.Swan.WaitForLogAsync("MAC mismatched", Timeout), lab.Swan.Describe());
            Assert.Empty(lab.Engine.ListSas());
            Assert.DoesNotContain("different", failure.Message);
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }

    [SkippableFact]
    public async Task WrongPsk_SwanInitiates_WeRefuseWithAuthenticationFailed_AndSayWhy()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(psk: "a-different-psk-0123456789")]);
        try
        {
            lab.Engine.LoadConnection(Ours());

            CommandResult initiate = await lab.Swan.InitiateAsync(SaSelector.Child("main-child"), Timeout);

            Assert.False(initiate.Succeeded);
            Assert.True(await lab.Swan.WaitForLogAsync("received AUTHENTICATION_FAILED notify error", Timeout), lab.Swan.Describe());
            EngineEvent failed = Assert.Single(lab.EventsOf(EngineEventType.NegotiationFailed));
            Assert.Equal(("IKE_AUTH", "local", "AUTHENTICATION_FAILED"), (failed.Diagnostic!.Exchange, failed.Diagnostic.Side, failed.Diagnostic.Reason));
            Assert.Equal("IKE_AUTH: AUTHENTICATION_FAILED — PSK mismatch or unexpected peer ID fqdn:swan.lab.test (we expect fqdn:swan.lab.test)", failed.Detail);
            Assert.Empty(lab.Engine.ListSas());
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }

    [SkippableFact]
    public async Task ProposalMismatch_SwanInitiates_WeNameWhatThePeerOfferedAndWhatWeAccept()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(ike: "aes256-sha1-modp1024")]);
        try
        {
            lab.Engine.LoadConnection(Ours());

            CommandResult initiate = await lab.Swan.InitiateAsync(SaSelector.Child("main-child"), Timeout);

            Assert.False(initiate.Succeeded);
            Assert.True(await lab.Swan.WaitForLogAsync("received NO_PROPOSAL_CHOSEN notify error", Timeout), lab.Swan.Describe());
            EngineEvent failed = Assert.Single(lab.EventsOf(EngineEventType.NegotiationFailed));
            // the example, word for word
            Assert.Equal("IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048", failed.Detail);
            Assert.Equal(("IKE_SA_INIT", "local"), (failed.Diagnostic!.Exchange, failed.Diagnostic.Side));
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }

    [SkippableFact]
    public async Task ProposalMismatch_EngineInitiates_ReportsThatThePeerAcceptsNoneOfOurProposal()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(ike: "aes256-sha1-modp1024")]);
        try
        {
            lab.Engine.LoadConnection(Ours());

            NegotiationResult result = await lab.Engine.InitiateAsync("main").WaitAsync(Timeout);

            Assert.False(result.Established);
            Assert.Equal("IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer accepts none of our proposal aes/sha256/modp2048", result.Failure!.Message);
            Assert.Equal("peer", result.Failure.Side);
            Assert.True(await lab.Swan.WaitForLogAsync("received proposals unacceptable", Timeout), lab.Swan.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }

    [SkippableFact]
    public async Task TrafficSelectorMismatch_SwanInitiates_TheIkeSaStaysButTheChildSaIsRefusedWithTsUnacceptable()
    {
        // charon wants 10.99.0.0/16 behind us, we only protect our own address
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan() with { RemoteTs = "10.99.0.0/16" }]);
        try
        {
            lab.Engine.LoadConnection(Ours());

            CommandResult initiate = await lab.Swan.InitiateAsync(SaSelector.Child("main-child"), Timeout);

            Assert.False(initiate.Succeeded);
            Assert.True(await lab.Swan.WaitForLogAsync("TS_UNACCEPTABLE", Timeout), lab.Swan.Describe());
            EngineEvent failed = Assert.Single(lab.EventsOf(EngineEventType.NegotiationFailed));
            Assert.Equal("IKE_AUTH: TS_UNACCEPTABLE — peer proposed 127.0.0.2/32 === 10.99.0.0/16, we accept 127.0.0.2/32 === 127.0.0.1/32", failed.Detail);
            // §1.2: the IKE SA is up without a CHILD SA
            IkeSaSnapshot sa = Assert.Single(lab.Engine.ListSas());
            Assert.Equal("Established", sa.State);
            Assert.Empty(sa.Children);
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }
}
