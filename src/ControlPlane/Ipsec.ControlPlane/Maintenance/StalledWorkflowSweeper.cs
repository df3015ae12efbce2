using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Workflows;
using Ipsec.Domain;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Maintenance;

/// <summary>
/// Run by a timer: finds connections whose state says a workflow is under way (creating, updating, deleting) but whose
/// orchestration instance does not exist — which happens only if the host died between storing the state and
/// scheduling the orchestration — and schedules it; and makes sure every live connection has its watch loop. Instance ids are derived from the connection, so this can never
/// start a second workflow for the same change.
/// </summary>
public sealed partial class StalledWorkflowSweeper(ConnectionStore connections, WatchSettings watch, TimeProvider clock, ILogger<StalledWorkflowSweeper> log)
{
    /// <summary>A state younger than this is left alone: its starter may still be about to schedule.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromMinutes(2);

    public async Task<int> SweepAsync(DurableTaskClient client, CancellationToken ct)
    {
        int rescheduled = 0;
        var cutoff = clock.GetUtcNow() - GracePeriod;
        await foreach (var r in connections.ScanAllAsync(ct))
        {
            if (r.UpdatedAt > cutoff) continue;
            if (r.ProvisioningState is ProvisioningState.Active or ProvisioningState.Failed)
                await Connections.ConnectionSubmission.EnsureWatchedAsync(client, r.AccountId, r.ConnectionId, watch, ct);
            var (name, instanceId) = r.ProvisioningState switch
            {
                ProvisioningState.Creating => (nameof(CreateConnectionOrchestrator), WorkflowInstanceIds.Create(r.ConnectionId)),
                ProvisioningState.Updating => (nameof(UpdateConnectionOrchestrator), WorkflowInstanceIds.Update(r.ConnectionId, r.Generation)),
                ProvisioningState.Deleting => (nameof(DeleteConnectionOrchestrator), WorkflowInstanceIds.Delete(r.ConnectionId)),
                _ => (null, null),
            };
            if (name is null || await client.GetInstanceAsync(instanceId!, getInputsAndOutputs: false, ct) is not null) continue;
            await client.ScheduleNewOrchestrationInstanceAsync(name, new ConnectionWorkflowInput(r.AccountId, r.ConnectionId, r.Generation),
                new StartOrchestrationOptions(instanceId), ct);
            LogRescheduled(log, name, r.ConnectionId);
            rescheduled++;
        }
        return rescheduled;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "scheduled missing {Orchestrator} for connection {ConnectionId}")]
    static partial void LogRescheduled(ILogger log, string orchestrator, string connectionId);
}
