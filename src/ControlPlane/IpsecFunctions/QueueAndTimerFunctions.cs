using Ipsec.ControlPlane.Maintenance;
using Ipsec.ControlPlane.Queues;
using Ipsec.ControlPlane.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Ipsec.Functions;

/// <summary>Queue and timer triggers over the shared classes (the local runtime runs the same work in background services).</summary>
public sealed class QueueAndTimerFunctions(CreationRequestConsumer consumer, StalledWorkflowSweeper sweeper)
{
    /// <summary>Creation requests from the queue; invalid ones go to the error queue inside the consumer. A message whose
    /// handling throws is retried by the host and moved to the poison queue after maxDequeueCount (host.json).</summary>
    [Function("ConnectionRequestFromQueue")]
    public Task ConnectionRequestFromQueue([QueueTrigger(StorageNames.RequestsQueue)] string message, [DurableClient] DurableTaskClient client,
        FunctionContext context) => consumer.HandleAsync(message, client, context.CancellationToken);

    /// <summary>Every 5 minutes: schedule any workflow whose starter died before scheduling it.</summary>
    [Function("SweepStalledWorkflows")]
    public Task SweepStalledWorkflows([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client,
        FunctionContext context) => sweeper.SweepAsync(client, context.CancellationToken);
}
