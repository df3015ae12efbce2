using Ipsec.ControlPlane.Engine.Remote;
using Microsoft.DurableTask.Client;

namespace Ipsec.LocalRuntime;

/// <summary>The local runtime's stand-in for the Functions app's queue triggers of the engine transport
/// (EngineQueueFunctions): answers from <c>engine-results</c> raised into orchestrations, events from
/// <c>engine-events</c> recorded. Same classes, polled here.</summary>
sealed class EngineQueuePumps(EngineTransportQueues queues, EngineResultRelay results, EngineEventIntake events, DurableTaskClient client,
    IHostApplicationLifetime lifetime, ILogger<EngineQueuePumps> log) : BackgroundService
{
    static readonly QueuePolling Polling = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // An answer left on the queue is raised through the durable client: not before the sidecar listens. (The
        // queues are created by StorageInitializer; until then a pump sees 404 and retries.)
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken)) return;
        await Task.WhenAll(
            QueueMessagePump.RunAsync(queues.Results, (m, ct) => results.HandleAsync(m, client, ct), Polling, log, stoppingToken),
            QueueMessagePump.RunAsync(queues.Events, events.HandleAsync, Polling, log, stoppingToken));
    }
}
