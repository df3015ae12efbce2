using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.V1;

/// <summary>Failures of IKEv1 negotiations between two engines, worded like the IKEv2 ones, and the IKEv1 rule of one
/// subnet pair per connection.</summary>
public sealed class Ikev1DiagnosticsTests
{
    [Theory]
    [InlineData(IkeProtocol.Ikev1Main, "Main Mode")]
    [InlineData(IkeProtocol.Ikev1Aggressive, "Aggressive Mode")]
    public async Task ProposalMismatch_TheResponderNamesBothOffers_TheInitiatorHearsNoProposalChosen(IkeProtocol mode, string exchange)
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(V1Configs.Config(mode, ike: "aes256/sha1/group2"));
        pair.B.LoadConnection(V1Configs.Config(mode, fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal($"{exchange}: NO_PROPOSAL_CHOSEN — peer accepts none of our proposal aes256/sha1/modp1024", result.Failure!.Message);
        Assert.Equal(("peer", "NO_PROPOSAL_CHOSEN"), (result.Failure.Side, result.Failure.Reason));
        NegotiationDiagnostic local = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed).Diagnostic!;
        Assert.Equal($"{exchange}: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048", local.Message);
        Assert.Equal((exchange, "local"), (local.Exchange, local.Side));
        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
    }

    [Theory]
    [InlineData(IkeProtocol.Ikev1Main, "Main Mode")]
    [InlineData(IkeProtocol.Ikev1Aggressive, "Aggressive Mode")]
    public async Task WrongPsk_BothSidesSayPskMismatch(IkeProtocol mode, string exchange)
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(V1Configs.Config(mode, psk: "one secret"));
        pair.B.LoadConnection(V1Configs.Config(mode, fromB: true, psk: "another secret"));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync();

        Assert.False(result.Established);
        Assert.Equal((exchange, "AUTHENTICATION_FAILED"), (result.Failure!.Exchange, result.Failure.Reason));
        Assert.Contains("PSK mismatch", result.Failure.Message, StringComparison.Ordinal);
        NegotiationDiagnostic other = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed).Diagnostic!;
        Assert.Equal((exchange, "AUTHENTICATION_FAILED"), (other.Exchange, other.Reason));
        Assert.Contains("PSK mismatch", other.Message, StringComparison.Ordinal);
        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
    }

    [Fact]
    public async Task UnexpectedPeerIdentity_InAggressiveMode_IsRefusedWithBothIdentitiesNamed()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Aggressive, localId: "intruder.example"));
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Aggressive, fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        NegotiationDiagnostic local = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed).Diagnostic!;
        Assert.Equal("Aggressive Mode: AUTHENTICATION_FAILED — PSK mismatch or unexpected peer ID fqdn:intruder.example (we expect fqdn:gw-a.example)", local.Message);
    }

    [Theory]
    [InlineData(IkeProtocol.Ikev1Main)]
    [InlineData(IkeProtocol.Ikev1Aggressive)]
    public async Task MoreThanOneSubnetPair_IsRefusedAtLoad_WithTheReason(IkeProtocol mode)
    {
        await using var pair = EnginePair.Create();

        var error = Assert.Throws<ArgumentException>(() =>
            pair.A.LoadConnection(V1Configs.Config(mode, localSubnets: ["10.1.0.0/24", "10.1.1.0/24"])));

        Assert.Contains("IKEv1 negotiates one subnet pair per connection", error.Message, StringComparison.Ordinal);
        Assert.Empty(pair.A.Connections);
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev2, localSubnets: ["10.1.0.0/24", "10.1.1.0/24"]));
        Assert.Single(pair.A.Connections);
    }
}
