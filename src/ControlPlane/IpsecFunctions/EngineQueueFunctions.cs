using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Ipsec.Functions;

/// <summary>Queue triggers of the gateway-agent transport over the shared classes in Ipsec.ControlPlane.Engine.Remote
/// (the local runtime runs the same classes in its pumps). A message whose handling throws is retried by the host and
/// moved to the poison queue after maxDequeueCount (host.json).</summary>
public sealed class EngineQueueFunctions(EngineResultRelay results, EngineEventIntake events)
{
    /// <summary>An agent's answer to a command, raised into the orchestration that sent the command.</summary>
    [Function("EngineResultFromQueue")]
    public Task EngineResultFromQueue([QueueTrigger(StorageNames.EngineResultsQueue)] string message, [DurableClient] DurableTaskClient client,
        FunctionContext context) => results.HandleAsync(message, client, context.CancellationToken);

    /// <summary>An engine event (SA up/down, DPD, rekey, health), recorded on the connection and published.</summary>
    [Function("EngineEventFromQueue")]
    public Task EngineEventFromQueue([QueueTrigger(StorageNames.EngineEventsQueue)] string message, FunctionContext context)
        => events.HandleAsync(message, context.CancellationToken);
}
