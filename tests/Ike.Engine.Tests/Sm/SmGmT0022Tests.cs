using System.Net;
using Ike.Encoding.V1;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;
using Ike.Engine.Transport;
using Ipsec.Certificates;
using Ipsec.Crypto.Sm;

namespace Ike.Engine.Tests.Sm;

/// <summary>
/// IKEv1 GM/T 0022 between two sm gateways with independent CAs: main mode with the SM2 digital envelope (ISAKMP 1.1),
/// quick mode with HMAC-SM3 hashes and SM4/SM3 ESP, then rekeys, DPD, delete and a probe through the IPsec SA. Both
/// ends are this engine (no outside GM/T 0022 peer exists here).
/// </summary>
public sealed class SmGmT0022Tests
{
    static readonly IPAddress ProbeSource = IPAddress.Parse("10.1.0.1");
    static readonly IPAddress ProbeDestination = IPAddress.Parse("10.2.0.1");

    static async Task<(EnginePair Pair, SmPki Pki)> EstablishedAsync(
        Func<SmPki, ConnectionConfig>? a = null, Func<SmPki, ConnectionConfig>? b = null)
    {
        var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        pair.A.LoadConnection(a?.Invoke(pki) ?? pki.ConfigA(protocol: IkeProtocol.Ikev1Main));
        pair.B.LoadConnection(b?.Invoke(pki) ?? pki.ConfigB(protocol: IkeProtocol.Ikev1Main));
        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        Assert.True(result.Established, result.Failure?.Message);
        return (pair, pki);
    }

    [Fact]
    public async Task MainModeWithDigitalEnvelope_ThenQuickMode_EstablishSm4Sm3Sas_AndTheProbeIsAnswered()
    {
        var (pair, _) = await EstablishedAsync();
        await using var _pair = pair;

        IkeSaSnapshot a = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot b = Assert.Single(pair.B.ListSas());
        Assert.Equal((IkeProtocol.Ikev1Main, "Established"), (a.Protocol, a.State));
        Assert.Equal("Established", b.State);
        Assert.Equal((a.InitiatorSpi, a.ResponderSpi), (b.InitiatorSpi, b.ResponderSpi));
        ChildSaSnapshot child = Assert.Single(a.Children);
        Assert.Equal("sm4cbc/sm3", child.Algorithms);
        // every ISAKMP message of the SA carried GM/T 0022's version byte 0x11, none RFC 2408's 0x10
        List<byte> versions = [.. pair.Network.Sent.Select(IsakmpVersionByte).OfType<byte>()];
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Equal(SmIdentifiers.GmT0022IsakmpVersion, v));

        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, ProbeSource, ProbeDestination, TimeSpan.FromSeconds(5));

        Assert.True(probe.Replied, probe.Detail);
    }

    [Fact]
    public async Task QuickModeRekey_ThenIsakmpRekey_TheTunnelStillCarriesTraffic()
    {
        var (pair, _) = await EstablishedAsync(
            pki => pki.ConfigA(protocol: IkeProtocol.Ikev1Main, childLifetime: TimeSpan.FromMinutes(10), ikeLifetime: TimeSpan.FromMinutes(30)),
            pki => pki.ConfigB(protocol: IkeProtocol.Ikev1Main, childLifetime: TimeSpan.FromHours(1), ikeLifetime: TimeSpan.FromHours(24)));
        await using var _pair = pair;
        IkeSaSnapshot before = Assert.Single(pair.A.ListSas());

        // HDR*, HASH(1), SA, Ni, IDci, IDcr --> (quick mode again at 85-90 % of 10 minutes), the old pair deleted after
        await pair.AdvanceAsync(TimeSpan.FromMinutes(9.2));
        await pair.AdvanceAsync(TimeSpan.FromSeconds(6));
        ChildSaSnapshot rekeyed = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        Assert.NotEqual(Assert.Single(before.Children).InboundSpi, rekeyed.InboundSpi);
        Assert.Contains(pair.EventsA, e => e.Type == EngineEventType.ChildSaRekeyed);

        // a new GM/T 0022 main mode replaces the ISAKMP SA and takes the IPsec SA over
        await pair.AdvanceAsync(TimeSpan.FromMinutes(18));
        IkeSaSnapshot afterA = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot afterB = Assert.Single(pair.B.ListSas());
        Assert.NotEqual(before.InitiatorSpi, afterA.InitiatorSpi);
        Assert.Equal((afterA.InitiatorSpi, afterA.ResponderSpi), (afterB.InitiatorSpi, afterB.ResponderSpi));
        Assert.Contains(pair.EventsA, e => e.Type == EngineEventType.IkeSaRekeyed);

        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, ProbeSource, ProbeDestination, TimeSpan.FromSeconds(5));
        Assert.True(probe.Replied, probe.Detail);
    }

    [Fact]
    public async Task Dpd_IsAcknowledged_ThenASilentPeerIsDeclaredDead()
    {
        var dpd = new DpdConfig(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        var (pair, _) = await EstablishedAsync(pki => pki.ConfigA(protocol: IkeProtocol.Ikev1Main, dpd: dpd));
        await using var _pair = pair;
        int sent = pair.Network.Sent.Count;

        // R-U-THERE --> <-- R-U-THERE-ACK under the SM4/HMAC-SM3 ISAKMP SA
        await pair.AdvanceAsync(TimeSpan.FromSeconds(11));
        await pair.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.True(pair.Network.Sent.Count >= sent + 2);
        Assert.DoesNotContain(pair.EventsA, e => e.Type == EngineEventType.PeerDead);
        Assert.Single(pair.A.ListSas());

        pair.Network.Hold = true;
        for (int second = 0; second < 60 && pair.A.ListSas().Count > 0; second++)
        {
            await pair.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(pair.A.ListSas());
        Assert.Single(pair.EventsA, e => e.Type == EngineEventType.PeerDead);
    }

    [Fact]
    public async Task Terminate_DeletesBothSasOnBothSides()
    {
        var (pair, _) = await EstablishedAsync();
        await using var _pair = pair;

        await pair.A.TerminateAsync(EnginePair.Name);
        await pair.SettleAsync();

        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
        Assert.Contains(pair.EventsB, e => e.Type == EngineEventType.ChildSaDeleted);
        Assert.Contains(pair.EventsB, e => e.Type == EngineEventType.IkeSaDeleted);
    }

    [Fact]
    public async Task ResponderCertificateFromAnotherCa_TheInitiatorRefusesItInMessageTwo()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        var stranger = SmCertificateAuthority.CreateSelfSigned("CN=Stranger CA,O=Elsewhere,C=CN", SmPkiDefaults.CaValidity, pair.Time);
        pair.A.LoadConnection(pki.ConfigA(protocol: IkeProtocol.Ikev1Main, peerCa: stranger.Certificate));
        pair.B.LoadConnection(pki.ConfigB(protocol: IkeProtocol.Ikev1Main));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);

        Assert.False(result.Established);
        Assert.StartsWith(
            $"Main Mode: AUTHENTICATION-FAILED — peer certificate {SmPki.SubjectOf(pki.GatewayB)} not issued by the configured peer CA CN=Stranger CA,O=Elsewhere,C=CN",
            result.Failure!.Message);
        Assert.Empty(pair.A.ListSas());
    }

    [Fact]
    public async Task InitiatorSubjectNotTheRemoteId_TheResponderRefusesTheEnvelope()
    {
        await using var pair = EnginePair.Create();
        var pki = SmPki.Create(pair.Time);
        pair.A.LoadConnection(pki.ConfigA(protocol: IkeProtocol.Ikev1Main));
        pair.B.LoadConnection(pki.ConfigB(protocol: IkeProtocol.Ikev1Main, remoteId: "CN=vgw-other,O=IpsecFunctions,C=CN"));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        NegotiationDiagnostic refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed).Diagnostic!;
        Assert.Equal(
            $"Main Mode: AUTHENTICATION-FAILED — peer certificate subject {SmPki.SubjectOf(pki.GatewayA)} does not match the configured remote ID CN=vgw-other,O=IpsecFunctions,C=CN",
            refused.Message);
    }

    [Fact]
    public async Task ExpiredResponderCertificates_TheInitiatorRefusesThem()
    {
        await using var pair = EnginePair.Create();
        // the customer's PKI is five years old: its 2-year gateway certificates have expired, its 10-year CA has not
        var pki = SmPki.Create(pair.Time, customerClock: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(pair.Time.GetUtcNow().AddYears(-5)));
        pair.A.LoadConnection(pki.ConfigA(protocol: IkeProtocol.Ikev1Main));
        pair.B.LoadConnection(pki.ConfigB(protocol: IkeProtocol.Ikev1Main));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);

        Assert.False(result.Established);
        Assert.StartsWith($"Main Mode: AUTHENTICATION-FAILED — peer certificate refused ({CertificateErrorCodes.PeerExpired}): ", result.Failure!.Message);
    }

    /// <summary>The ISAKMP version byte of an IKEv1 datagram (after the non-ESP marker on 4500), or null for ESP/IKEv2.</summary>
    static byte? IsakmpVersionByte(Datagram datagram)
    {
        if (IkeFraming.Classify(datagram.Local, datagram.Remote, datagram.Payload, out ReadOnlyMemory<byte> ike) != DatagramKind.Ike
            || !IsakmpHeader.TryRead(ike.Span, out IsakmpHeader header) || header.MajorVersion != IsakmpHeader.CurrentMajorVersion)
        {
            return null;
        }

        return ike.Span[17];
    }
}
