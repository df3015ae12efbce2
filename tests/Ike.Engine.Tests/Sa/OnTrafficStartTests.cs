using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;
using Ike.Engine.Transport;

namespace Ike.Engine.Tests.Sa;

/// <summary>StartAction.OnTraffic: the first outbound packet for the tunnel starts the negotiation (that packet is not
/// carried, as on gateways that negotiate on demand); once the CHILD SA is up, packets go through.</summary>
public sealed class OnTrafficStartTests
{
    static readonly IPAddress AddressA = IPAddress.Parse("10.0.0.1"), AddressB = IPAddress.Parse("10.0.0.2");

    [Fact]
    public async Task The_first_packet_starts_the_negotiation_and_a_later_one_goes_through()
    {
        var network = new InMemoryNetwork();
        await using var a = new IkeEngine(network.Attach(new IPEndPoint(AddressA, 500), new IPEndPoint(AddressA, 4500)));
        await using var b = new IkeEngine(network.Attach(new IPEndPoint(AddressB, 500), new IPEndPoint(AddressB, 4500)));
        var events = new System.Collections.Concurrent.ConcurrentQueue<EngineEvent>();
        a.EventRaised += events.Enqueue;
        a.LoadConnection(EnginePair.Config() with { StartAction = StartAction.OnTraffic });
        b.LoadConnection(EnginePair.Config(fromB: true));
        Assert.Empty(a.ListSas());   // loading alone negotiates nothing

        var first = await a.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(2));
        Assert.False(first.Replied);
        Assert.Contains("started the negotiation", first.Detail);
        Assert.Contains(events, e => e.Type == EngineEventType.TrafficTriggered);

        ProbeResult later = first;
        for (int i = 0; i < 50 && !later.Replied; i++)
        {
            await Task.Delay(100);
            later = await a.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(2));
        }
        Assert.True(later.Replied, later.Detail);
        Assert.Contains(events, e => e.Type == EngineEventType.ChildSaEstablished);
        Assert.Single(a.ListSas());   // one negotiation, not one per packet
    }

    [Theory]
    [InlineData(IkeProtocol.Ikev1Main)]
    [InlineData(IkeProtocol.Ikev1Aggressive)]
    public async Task An_ikev1_connection_is_started_by_its_first_packet_too(IkeProtocol mode)
    {
        var network = new InMemoryNetwork();
        await using var a = new IkeEngine(network.Attach(new IPEndPoint(AddressA, 500), new IPEndPoint(AddressA, 4500)));
        await using var b = new IkeEngine(network.Attach(new IPEndPoint(AddressB, 500), new IPEndPoint(AddressB, 4500)));
        var events = new System.Collections.Concurrent.ConcurrentQueue<EngineEvent>();
        a.EventRaised += events.Enqueue;
        a.LoadConnection(V1.V1Configs.Config(mode) with { StartAction = StartAction.OnTraffic });
        b.LoadConnection(V1.V1Configs.Config(mode, fromB: true));
        Assert.Empty(a.ListSas());

        var first = await a.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(2));
        Assert.False(first.Replied);
        Assert.Contains("started the negotiation", first.Detail);
        Assert.Contains(events, e => e.Type == EngineEventType.TrafficTriggered);

        ProbeResult later = first;
        for (int i = 0; i < 50 && !later.Replied; i++)
        {
            await Task.Delay(100);
            later = await a.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(2));
        }
        Assert.True(later.Replied, later.Detail);
        Assert.Equal(mode, Assert.Single(a.ListSas()).Protocol);   // one ISAKMP SA, not one per packet
    }

    [Fact]
    public async Task Without_on_traffic_start_a_packet_negotiates_nothing()
    {
        var network = new InMemoryNetwork();
        await using var a = new IkeEngine(network.Attach(new IPEndPoint(AddressA, 500), new IPEndPoint(AddressA, 4500)));
        a.LoadConnection(EnginePair.Config());   // StartAction.None
        var probe = await a.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(1));
        Assert.False(probe.Replied);
        Assert.Contains("no installed CHILD SA", probe.Detail);
        Assert.Empty(a.ListSas());
    }
}
