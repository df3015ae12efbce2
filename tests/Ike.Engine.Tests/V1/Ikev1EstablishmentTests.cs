using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.V1;

/// <summary>Two engines establish ISAKMP and IPsec SAs with IKEv1 over the in-memory network (RFC 2409 §5, §5.5).</summary>
public sealed class Ikev1EstablishmentTests
{
    [Theory]
    [InlineData(IkeProtocol.Ikev1Main)]
    [InlineData(IkeProtocol.Ikev1Aggressive)]
    public async Task Initiate_EstablishesIsakmpAndIpsecSa_OnBothEngines_WithMatchingSpis(IkeProtocol mode)
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(V1Configs.Config(mode));
        pair.B.LoadConnection(V1Configs.Config(mode, fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);

        Assert.True(result.Established, result.Failure?.Message);
        IkeSaSnapshot a = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot b = Assert.Single(pair.B.ListSas());
        Assert.Equal(("Established", "Established"), (a.State, b.State));
        Assert.Equal((mode, mode), (a.Protocol, b.Protocol));
        Assert.True(a.Initiator);
        Assert.False(b.Initiator);
        Assert.Equal((a.InitiatorSpi, a.ResponderSpi), (b.InitiatorSpi, b.ResponderSpi));
        Assert.Equal("aes128/sha256/modp2048", a.Algorithms);
        ChildSaSnapshot childA = Assert.Single(a.Children);
        ChildSaSnapshot childB = Assert.Single(b.Children);
        Assert.Equal((childA.InboundSpi, childA.OutboundSpi), (childB.OutboundSpi, childB.InboundSpi));
        Assert.Equal("aes128/sha256", childA.Algorithms);
        Assert.Equal(["10.1.0.0/24"], childA.LocalTs);
        Assert.Equal(["10.2.0.0/24"], childA.RemoteTs);
        Assert.Equal(["10.2.0.0/24"], childB.LocalTs);
        // forced UDP encapsulation: NAT-D says "NAT", the initiator floated to 4500 (RFC 3947 §4)
        Assert.True(a.NatDetected);
        Assert.Equal(4500, a.Local.Port);
        Assert.Equal(4500, b.Local.Port);
        Assert.True(childA.UdpEncapsulated);
    }

    [Theory]
    [InlineData(IkeProtocol.Ikev1Main)]
    [InlineData(IkeProtocol.Ikev1Aggressive)]
    public async Task Probe_ThroughTheIpsecSa_GetsTheEchoReplyFromThePeer(IkeProtocol mode)
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(V1Configs.Config(mode));
        pair.B.LoadConnection(V1Configs.Config(mode, fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);

        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(5));

        Assert.True(probe.Replied, probe.Detail);
        ChildSaSnapshot child = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        Assert.Equal((1, 1), (child.PacketsOut, child.PacketsIn));
    }
}
