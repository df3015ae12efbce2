using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Health;
using Ike.Engine.Tests.TestSupport;
using Ike.Engine.Transport;

namespace Ike.Engine.Tests.Health;

public sealed class HealthCheckTrackerTests
{
    [Theory]
    // probe outcomes (1 answered, 0 failed), retry, the transitions reported ("" none; H healthy, U unhealthy)
    [InlineData("1", 3, "H")]
    [InlineData("0", 3, "")]
    [InlineData("000", 3, "U")]
    [InlineData("0000", 3, "U")]             // reported once, not on every further failure
    [InlineData("110011", 3, "H")]           // two failures in a row are not yet unhealthy with retry 3
    [InlineData("10001", 3, "HUH")]          // unhealthy after 3, healthy again on the next answer
    [InlineData("0", 1, "U")]
    [InlineData("101010", 1, "HUHUHU")]
    public void Reports_only_transitions(string outcomes, int retry, string expected)
    {
        var tracker = new HealthCheckTracker(retry);
        string reported = string.Concat(outcomes.Select(o => tracker.Record(o == '1') switch
        {
            HealthState.Healthy => "H",
            HealthState.Unhealthy => "U",
            _ => "",
        }));
        Assert.Equal(expected, reported);
    }

    [Fact]
    public void Retry_must_be_positive() => Assert.Throws<ArgumentOutOfRangeException>(() => new HealthCheckTracker(0));
}

/// <summary>The monitor against two real engines on an in-memory network (real clock, short interval): healthy while
/// the peer answers through the CHILD SA, unhealthy after <c>retry</c> failures once the peer deletes the tunnel,
/// healthy again when it is back.</summary>
public sealed class HealthMonitorTests
{
    static readonly IPAddress AddressA = IPAddress.Parse("10.0.0.1"), AddressB = IPAddress.Parse("10.0.0.2");

    [Fact]
    public async Task Unhealthy_after_retry_failures_and_healthy_again_when_the_tunnel_is_back()
    {
        var network = new InMemoryNetwork();
        await using var a = new IkeEngine(network.Attach(new IPEndPoint(AddressA, 500), new IPEndPoint(AddressA, 4500)));
        await using var b = new IkeEngine(network.Attach(new IPEndPoint(AddressB, 500), new IPEndPoint(AddressB, 4500)));
        a.LoadConnection(EnginePair.Config());
        b.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await a.InitiateAsync(EnginePair.Name)).Established);

        var events = new System.Collections.Concurrent.BlockingCollection<EngineEvent>();
        await using var monitor = new HealthMonitor(a, TimeProvider.System, events.Add);
        // 10.1.0.1 is in a's local subnet, 10.2.0.1 in b's: b answers pings to its own subnets through the tunnel
        monitor.Watch(EnginePair.Name, new HealthCheckSpec(IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromMilliseconds(200), Retry: 2));

        var first = Next(events);
        Assert.Equal(EngineEventType.HealthCheckRecovered, first.Type);
        Assert.Contains("answered", first.Detail);

        await b.UnloadConnectionAsync(EnginePair.Name);   // the peer deletes the tunnel: probes have no CHILD SA to use
        var failed = Next(events);
        Assert.Equal(EngineEventType.HealthCheckFailed, failed.Type);
        Assert.Contains("2 probes 10.1.0.1 -> 10.2.0.1 failed in a row", failed.Detail);

        b.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await a.InitiateAsync(EnginePair.Name)).Established);
        Assert.Equal(EngineEventType.HealthCheckRecovered, Next(events).Type);

        monitor.Stop(EnginePair.Name);
    }

    static EngineEvent Next(System.Collections.Concurrent.BlockingCollection<EngineEvent> events) =>
        events.TryTake(out var e, TimeSpan.FromSeconds(30)) ? e : throw new Xunit.Sdk.XunitException("no health event within 30 s");
}
