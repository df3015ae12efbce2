using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.Sa;

/// <summary>Failed negotiations between two engines produce the diagnostics on both sides.</summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task ProposalMismatch_InitiatorHearsThePeersRefusal_ResponderNamesBothOffers()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(ike: "aes256/sha1/group2"));
        pair.B.LoadConnection(EnginePair.Config(fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal("IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer accepts none of our proposal aes256/sha1/modp1024", result.Failure!.Message);
        Assert.Equal("peer", result.Failure.Side);
        EngineEvent refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed);
        Assert.Equal("IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048", refused.Detail);
        Assert.Equal("local", refused.Diagnostic!.Side);
        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
    }

    [Fact]
    public async Task WrongPsk_ResponderRefuses_InitiatorLearnsItWasRejected_NeitherLeaksTheKey()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(psk: "secret-one-1234567890"));
        pair.B.LoadConnection(EnginePair.Config(fromB: true, psk: "secret-two-1234567890"));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal(("IKE_AUTH", "peer", "AUTHENTICATION_FAILED"), (result.Failure!.Exchange, result.Failure.Side, result.Failure.Reason));
        EngineEvent refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed);
        Assert.Equal("IKE_AUTH: AUTHENTICATION_FAILED — PSK mismatch or unexpected peer ID fqdn:gw-a.example (we expect fqdn:gw-a.example)", refused.Detail);
        Assert.All(pair.EventsA.Concat(pair.EventsB), e => Assert.DoesNotContain("secret", e.Detail));
    }

    [Fact]
    public async Task UnexpectedPeerId_IsAnAuthenticationFailureNamingTheId()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(localId: "intruder.example"));
        pair.B.LoadConnection(EnginePair.Config(fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        EngineEvent refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed);
        Assert.Equal("IKE_AUTH: AUTHENTICATION_FAILED — PSK mismatch or unexpected peer ID fqdn:intruder.example (we expect fqdn:gw-a.example)", refused.Detail);
    }

    [Fact]
    public async Task ChildProposalMismatch_KeepsTheIkeSa_AndReportsTheChildRefusal()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(esp: "3des/md5"));
        pair.B.LoadConnection(EnginePair.Config(fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal("IKE_AUTH: NO_PROPOSAL_CHOSEN — peer accepts none of our proposal 3des/md5", result.Failure!.Message);
        EngineEvent refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed);
        Assert.Equal("IKE_AUTH: NO_PROPOSAL_CHOSEN — peer offered 3des/md5, we accept aes/sha256", refused.Detail);
        // RFC 7296 §1.2: the IKE SA is created even though its first CHILD SA was refused
        Assert.Equal("Established", Assert.Single(pair.A.ListSas()).State);
        Assert.Empty(Assert.Single(pair.B.ListSas()).Children);
    }
}
