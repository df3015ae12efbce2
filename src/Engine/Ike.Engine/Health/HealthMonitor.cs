using System.Collections.Concurrent;
using System.Net;
using Ike.Engine.Api;

namespace Ike.Engine.Health;

/// <summary>What a connection's health check probes: an ICMP echo from <see cref="Source"/> (an address on this side,
/// inside the local subnets) to <see cref="Destination"/> (on the peer's side) every <see cref="Interval"/>.</summary>
public sealed record HealthCheckSpec(IPAddress Source, IPAddress Destination, TimeSpan Interval, int Retry);

/// <summary>
/// Runs health checks next to an engine: every interval an ICMP echo through the connection's CHILD SA (the engine's
/// userspace ESP path); <see cref="HealthCheckTracker"/> decides when that makes the tunnel unhealthy or healthy, and
/// only those transitions are reported as <see cref="EngineEventType.HealthCheckFailed"/> /
/// <see cref="EngineEventType.HealthCheckRecovered"/> events. A probe with no CHILD SA to go through counts as failed.
/// </summary>
public sealed class HealthMonitor(IIkeEngine engine, TimeProvider time, Action<EngineEvent> report) : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, (CancellationTokenSource Stop, Task Loop)> watches = new();

    /// <summary>Starts (or restarts with new settings) the health check of a connection.</summary>
    public void Watch(string connection, HealthCheckSpec spec)
    {
        Stop(connection);
        var stop = new CancellationTokenSource();
        watches[connection] = (stop, Task.Run(() => LoopAsync(connection, spec, stop.Token)));
    }

    public void Stop(string connection)
    {
        if (watches.TryRemove(connection, out var w)) w.Stop.Cancel();
    }

    async Task LoopAsync(string connection, HealthCheckSpec spec, CancellationToken ct)
    {
        var tracker = new HealthCheckTracker(spec.Retry);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                long started = time.GetTimestamp();
                ProbeResult result;
                try { result = await engine.ProbeAsync(connection, spec.Source, spec.Destination, spec.Interval, ct); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException) { result = new ProbeResult(false, null, e.Message); }

                if (tracker.Record(result.Replied) is HealthState state)
                {
                    string detail = state == HealthState.Unhealthy
                        ? $"{tracker.ConsecutiveFailures} probes {spec.Source} -> {spec.Destination} failed in a row; last: {result.Detail}"
                        : $"probe {spec.Source} -> {spec.Destination} answered in {result.RoundTrip?.TotalMilliseconds:F0} ms";
                    report(new EngineEvent(connection, state == HealthState.Unhealthy ? EngineEventType.HealthCheckFailed : EngineEventType.HealthCheckRecovered,
                        detail, time.GetUtcNow()));
                }

                var remaining = spec.Interval - time.GetElapsedTime(started);
                if (remaining > TimeSpan.Zero) await Task.Delay(remaining, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public async ValueTask DisposeAsync()
    {
        var loops = watches.Values.ToList();
        watches.Clear();
        foreach (var w in loops) w.Stop.Cancel();
        try { await Task.WhenAll(loops.Select(w => w.Loop)); } catch (OperationCanceledException) { }
    }
}
