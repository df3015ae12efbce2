using System.Net;
using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;
using Ipsec.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace Ike.Engine.Tests.Sm;

/// <summary>
/// IKEv2 between two sm gateways (draft-guo-ipsecme-ikev2-using-shangmi): SM4-CBC and HMAC-SM3 in the IKE SA and the
/// ESP CHILD SA, SM2 certificate authentication (CERT, CERTREQ, AUTH method 14) with independent CAs, and the whole
/// life of the tunnel. Both ends are this engine: no outside peer speaks SM here.
/// </summary>
public sealed class SmIkev2Tests
{
    static readonly IPAddress ProbeSource = IPAddress.Parse("10.1.0.1");
    static readonly IPAddress ProbeDestination = IPAddress.Parse("10.2.0.1");

    [Fact]
    public async Task IndependentCas_EstablishSm4Sm3IkeAndChildSa_AndTheProbeIsAnswered()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        pair.A.LoadConnection(pki.ConfigA());
        pair.B.LoadConnection(pki.ConfigB());

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);

        Assert.True(result.Established, result.Failure?.Message);
        IkeSaSnapshot a = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot b = Assert.Single(pair.B.ListSas());
        Assert.Equal(("Established", "Established"), (a.State, b.State));
        // snapshots use strongSwan's short names (sm4cbc, as aes128 for "aes")
        Assert.Equal("sm4cbc/sm3/modp2048", a.Algorithms);
        Assert.Equal("sm4cbc/sm3/modp2048", b.Algorithms);
        ChildSaSnapshot childA = Assert.Single(a.Children);
        Assert.Equal("sm4cbc/sm3", childA.Algorithms);
        Assert.Equal((childA.InboundSpi, childA.OutboundSpi), (Assert.Single(b.Children).OutboundSpi, Assert.Single(b.Children).InboundSpi));

        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, ProbeSource, ProbeDestination, TimeSpan.FromSeconds(5));

        Assert.True(probe.Replied, probe.Detail);
        Assert.Equal((1, 1), (Assert.Single(Assert.Single(pair.A.ListSas()).Children).PacketsOut, Assert.Single(Assert.Single(pair.A.ListSas()).Children).PacketsIn));
    }

    [Fact]
    public async Task RemoteIdTheExactPeerSubject_IsAcceptedToo()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        // DN comparison, not string comparison: other spacing and case name the same subject (RFC 4518)
        string spelledDifferently = SmPki.SubjectOf(pki.GatewayB).Replace(",", ", ").ToLowerInvariant().Replace("cn=", "CN=").Replace("ou=", "OU=").Replace("o=", "O=").Replace("c=", "C=");
        pair.A.LoadConnection(pki.ConfigA(remoteId: spelledDifferently));
        pair.B.LoadConnection(pki.ConfigB());

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);

        Assert.True(result.Established, result.Failure?.Message);
        Assert.Equal("Established", Assert.Single(pair.B.ListSas()).State);
    }

    [Fact]
    public async Task ChildRekeyWithPfs_ThenIkeRekey_TheSmTunnelStillCarriesTraffic()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        pair.A.LoadConnection(pki.ConfigA(pfs: "group14", childLifetime: TimeSpan.FromMinutes(100), ikeLifetime: TimeSpan.FromMinutes(300)));
        pair.B.LoadConnection(pki.ConfigB(pfs: "group14", childLifetime: TimeSpan.FromMinutes(1000), ikeLifetime: TimeSpan.FromMinutes(3000)));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        IkeSaSnapshot first = Assert.Single(pair.A.ListSas());

        await pair.AdvanceAsync(TimeSpan.FromMinutes(91)); // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, KEi, TSi, TSr } -->
        ChildSaSnapshot rekeyed = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        Assert.NotEqual(first.Children[0].InboundSpi, rekeyed.InboundSpi);
        Assert.Equal("sm4cbc/sm3/modp2048", rekeyed.Algorithms);
        Assert.Single(pair.EventsA, e => e.Type == EngineEventType.ChildSaRekeyed);

        await pair.AdvanceAsync(TimeSpan.FromMinutes(180)); // CREATE_CHILD_SA { SA, Ni, KEi } --> (IKE SA rekey, §2.18)
        IkeSaSnapshot second = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot secondB = Assert.Single(pair.B.ListSas());
        Assert.NotEqual(first.InitiatorSpi, second.InitiatorSpi);
        Assert.Equal((second.InitiatorSpi, second.ResponderSpi), (secondB.InitiatorSpi, secondB.ResponderSpi));
        Assert.Equal("sm4cbc/sm3/modp2048", second.Algorithms);
        Assert.Single(pair.EventsA, e => e.Type == EngineEventType.IkeSaRekeyed);

        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, ProbeSource, ProbeDestination, TimeSpan.FromSeconds(5));
        Assert.True(probe.Replied, probe.Detail);
    }

    [Fact]
    public async Task Dpd_LivenessChecksAreAnswered_ThenASilentPeerIsDeclaredDead()
    {
        var dpd = new DpdConfig(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(6));
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        pair.A.LoadConnection(pki.ConfigA(dpd: dpd));
        pair.B.LoadConnection(pki.ConfigB());
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);

        // HDR, SK {} --> and <-- HDR, SK {}: SM4/SM3-protected empty INFORMATIONAL exchanges keep the SA alive
        for (int i = 0; i < 4; i++)
        {
            await pair.AdvanceAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Contains(pair.Network.Sent, d => Wire.Is(d, ExchangeType.Informational, response: true) && d.Local.Address.Equals(EnginePair.AddressB));
        Assert.DoesNotContain(pair.EventsA, e => e.Type == EngineEventType.PeerDead);
        Assert.Equal("Established", Assert.Single(pair.A.ListSas()).State);

        pair.Network.Hold = true; // B falls silent
        TimeSpan waited = TimeSpan.Zero;
        while (!pair.EventsA.Any(e => e.Type == EngineEventType.PeerDead) && waited < TimeSpan.FromSeconds(30))
        {
            await pair.AdvanceAsync(TimeSpan.FromMilliseconds(250));
            waited += TimeSpan.FromMilliseconds(250);
        }

        EngineEvent dead = Assert.Single(pair.EventsA, e => e.Type == EngineEventType.PeerDead);
        Assert.Equal("TIMEOUT", dead.Diagnostic!.Reason);
        Assert.Empty(pair.A.ListSas());
    }

    [Fact]
    public async Task Terminate_DeletesTheSmSaOnBothSides()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        pair.A.LoadConnection(pki.ConfigA());
        pair.B.LoadConnection(pki.ConfigB());
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);

        await pair.A.TerminateAsync(EnginePair.Name); // HDR, SK { D(IKE) } -->
        await pair.B.WhenIdleAsync();

        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
        Assert.Single(pair.EventsB, e => e.Type == EngineEventType.IkeSaDeleted);
        Assert.Empty(await pair.B.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.ToList()));
    }

    [Fact]
    public async Task PeerCertificateFromAnotherCa_ResponderRefuses_BothSidesSayWhy()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        var stranger = SmCertificateAuthority.CreateSelfSigned("CN=Stranger CA,O=Elsewhere,C=CN", SmPkiDefaults.CaValidity, pair.Time);
        pair.A.LoadConnection(pki.ConfigA());
        // B expects certificates of a CA that never certified A
        pair.B.LoadConnection(pki.ConfigB(peerCa: stranger.Certificate));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal(("IKE_AUTH", "peer", "AUTHENTICATION_FAILED"), (result.Failure!.Exchange, result.Failure.Side, result.Failure.Reason));
        Assert.Contains("trusts our CA CN=IpsecFunctions SM2 CA", result.Failure.Message);
        NegotiationDiagnostic refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed).Diagnostic!;
        Assert.Equal(("IKE_AUTH", "local", "AUTHENTICATION_FAILED"), (refused.Exchange, refused.Side, refused.Reason));
        Assert.StartsWith(
            $"IKE_AUTH: AUTHENTICATION_FAILED — peer certificate {SmPki.SubjectOf(pki.GatewayA)} not issued by the configured peer CA CN=Stranger CA,O=Elsewhere,C=CN",
            refused.Message);
        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
    }

    [Fact]
    public async Task PeerSubjectNotTheRemoteId_ResponderRefusesTheInitiator()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        pair.A.LoadConnection(pki.ConfigA());
        // B expects another gateway of the cloud CA than the one A's certificate names
        pair.B.LoadConnection(pki.ConfigB(remoteId: "CN=vgw-other,O=IpsecFunctions,C=CN"));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal(("IKE_AUTH", "peer", "AUTHENTICATION_FAILED"), (result.Failure!.Exchange, result.Failure.Side, result.Failure.Reason));
        NegotiationDiagnostic refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed).Diagnostic!;
        Assert.Equal(
            $"IKE_AUTH: AUTHENTICATION_FAILED — peer certificate subject {SmPki.SubjectOf(pki.GatewayA)} does not match the configured remote ID CN=vgw-other,O=IpsecFunctions,C=CN",
            refused.Message);
        Assert.Empty(pair.B.ListSas());
    }

    [Fact]
    public async Task RemoteIdNotOurs_ResponderRefusesTheIdrTheInitiatorNamed()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        // A names a specific customer gateway in IDr (§3.5) that B is not
        pair.A.LoadConnection(pki.ConfigA(remoteId: "CN=cgw-other,OU=net,O=example,C=CN"));
        pair.B.LoadConnection(pki.ConfigB());

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal("peer", result.Failure!.Side);
        NegotiationDiagnostic refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed).Diagnostic!;
        Assert.Equal(
            $"IKE_AUTH: AUTHENTICATION_FAILED — peer asks for responder ID dn:CN=cgw-other,OU=net,O=example,C=CN, we are dn:{SmPki.SubjectOf(pki.GatewayB)}",
            refused.Message);
    }

    [Fact]
    public async Task ExpiredPeerCertificate_InitiatorRefusesTheResponder()
    {
        await using var pair = EnginePair.Create();
        // the customer's PKI was made five years before the engines' now: its 2-year gateway certificate has expired,
        // its 10-year CA has not
        var pki = SmPki.Create(pair.Time, customerClock: new FakeTimeProvider(pair.Time.GetUtcNow().AddYears(-5)));
        pair.A.LoadConnection(pki.ConfigA());
        pair.B.LoadConnection(pki.ConfigB());

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);

        Assert.False(result.Established);
        Assert.Equal(("IKE_AUTH", "local", "AUTHENTICATION_FAILED"), (result.Failure!.Exchange, result.Failure.Side, result.Failure.Reason));
        Assert.StartsWith($"IKE_AUTH: AUTHENTICATION_FAILED — peer certificate refused ({CertificateErrorCodes.PeerExpired}): ", result.Failure.Message);
        Assert.Contains("expired at", result.Failure.Message);
    }

    [Fact]
    public async Task LocalIdOtherThanOurCertificateSubject_FailsTheLoad()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);

        var error = Assert.Throws<ArgumentException>(() => pair.A.LoadConnection(pki.ConfigA() with { LocalId = "CN=somebody,O=IpsecFunctions,C=CN" }));

        Assert.Contains("is not the subject of our signing certificate", error.Message);
    }

    [Fact]
    public async Task NonDnIdentity_OrAggressiveMode_FailTheLoad()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);

        Assert.Contains("is not a distinguished name",
            Assert.Throws<ArgumentException>(() => pair.A.LoadConnection(pki.ConfigA() with { RemoteId = "idc.example" })).Message);
        // certificates in IKEv1 mean GM/T 0022, a main mode
        Assert.Contains("GM/T 0022 main mode",
            Assert.Throws<ArgumentException>(() => pair.A.LoadConnection(pki.ConfigA() with { Protocol = IkeProtocol.Ikev1Aggressive })).Message);
    }
}
