using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.Sa;

/// <summary>Two engines establish IKE and CHILD SAs over the in-memory network (RFC 7296 §1.2).</summary>
public sealed class EstablishmentTests
{
    [Fact]
    public async Task Initiate_EstablishesIkeAndChildSa_OnBothEngines_WithMatchingSpis()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);

        Assert.True(result.Established, result.Failure?.Message);
        IkeSaSnapshot a = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot b = Assert.Single(pair.B.ListSas());
        Assert.Equal(("Established", "Established"), (a.State, b.State));
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
        // forced UDP encapsulation: both sides moved to 4500 after IKE_SA_INIT (§2.23)
        Assert.True(a.NatDetected);
        Assert.Equal(4500, a.Local.Port);
        Assert.True(childA.UdpEncapsulated);
    }

    [Fact]
    public async Task Probe_ThroughTheChildSa_GetsTheEchoReplyFromThePeer()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);

        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(5));

        Assert.True(probe.Replied, probe.Detail);
        ChildSaSnapshot child = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        Assert.Equal((1, 1), (child.PacketsOut, child.PacketsIn));
    }
}
