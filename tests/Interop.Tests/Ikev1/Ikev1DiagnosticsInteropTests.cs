using Ike.Engine.Api;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev1;

/// <summary>
/// What a network engineer reads when IKEv1 fails against a real charon: a wrong pre-shared key and a proposal
/// mismatch, in main and aggressive mode, with our engine initiating and responding, worded like the IKEv2
/// diagnostics ("Main Mode: NO_PROPOSAL_CHOSEN — peer offered ..., we accept ...").
/// </summary>
public sealed class Ikev1DiagnosticsInteropTests(ITestOutputHelper output)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(25);

    static SwanV1Connection Swan(bool aggressive, string ike = "aes128-sha256-modp2048") => new("v1", aggressive, ike, "aes128-sha256");

    static string ModeName(bool aggressive) => aggressive ? "Aggressive Mode" : "Main Mode";

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProposalMismatch_EngineInitiates_TheFailureNamesTheMode(bool aggressive)
    {
        SwanV1Connection swan = Swan(aggressive, "aes256-sha1-modp1024");
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ikev1Lab.EngineConfig(swan, "aes/sha256/group14", "aes/sha256"));

            NegotiationResult result = await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout);

            Assert.False(result.Established);
            NegotiationDiagnostic failure = result.Failure!;
            output.WriteLine(failure.Message);
            Assert.Equal(ModeName(aggressive), failure.Exchange);
            Assert.Equal(("peer", "NO_PROPOSAL_CHOSEN"), (failure.Side, failure.Reason));
            Assert.Equal($"{ModeName(aggressive)}: NO_PROPOSAL_CHOSEN — peer accepts none of our proposal aes/sha256/modp2048", failure.Message);
        }
        finally
        {
            output.WriteLine(lab.Describe(80));
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProposalMismatch_SwanInitiates_WeSayWhatItOfferedAndWhatWeAccept(bool aggressive)
    {
        SwanV1Connection swan = Swan(aggressive, "aes256-sha1-modp1024");
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ikev1Lab.EngineConfig(swan, "aes/sha256/group14", "aes/sha256"));

            CommandResult initiated = await lab.Swan.InitiateAsync(SaSelector.Child(swan.Child), TimeSpan.FromSeconds(8));

            Assert.False(initiated.Succeeded);
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.NegotiationFailed).Count > 0, Timeout), lab.Describe());
            NegotiationDiagnostic failure = lab.EventsOf(EngineEventType.NegotiationFailed)[0].Diagnostic!;
            output.WriteLine(failure.Message);
            Assert.Equal((ModeName(aggressive), "local", "NO_PROPOSAL_CHOSEN"), (failure.Exchange, failure.Side, failure.Reason));
            Assert.Equal($"{ModeName(aggressive)}: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048", failure.Message);
            // charon heard why: our NO-PROPOSAL-CHOSEN notify
            Assert.True(await lab.Swan.WaitForLogAsync("NO_PROPOSAL_CHOSEN", Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(80));
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WrongPsk_EngineInitiates_TheFailureSaysAuthenticationFailed(bool aggressive)
    {
        SwanV1Connection swan = Swan(aggressive);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ikev1Lab.EngineConfig(swan, "aes/sha256/group14", "aes/sha256", psk: "not-the-same-psk-at-all"));

            NegotiationResult result = await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout);

            Assert.False(result.Established);
            NegotiationDiagnostic failure = result.Failure!;
            output.WriteLine(failure.Message);
            Assert.Equal((ModeName(aggressive), "AUTHENTICATION_FAILED"), (failure.Exchange, failure.Reason));
            Assert.Contains("PSK mismatch", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            output.WriteLine(lab.Describe(80));
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WrongPsk_SwanInitiates_WeSayPskMismatch(bool aggressive)
    {
        SwanV1Connection swan = Swan(aggressive);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ikev1Lab.EngineConfig(swan, "aes/sha256/group14", "aes/sha256", psk: "not-the-same-psk-at-all"));

            CommandResult initiated = await lab.Swan.InitiateAsync(SaSelector.Child(swan.Child), TimeSpan.FromSeconds(8));

            Assert.False(initiated.Succeeded);
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.NegotiationFailed).Count > 0, Timeout), lab.Describe());
            NegotiationDiagnostic failure = lab.EventsOf(EngineEventType.NegotiationFailed)[0].Diagnostic!;
            output.WriteLine(failure.Message);
            Assert.Equal((ModeName(aggressive), "AUTHENTICATION_FAILED"), (failure.Exchange, failure.Reason));
            Assert.Contains("PSK mismatch", failure.Message, StringComparison.Ordinal);
            Assert.Empty(lab.Engine.ListSas());
        }
        finally
        {
            output.WriteLine(lab.Describe(80));
        }
    }
}
