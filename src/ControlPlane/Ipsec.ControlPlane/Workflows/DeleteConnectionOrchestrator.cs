using Ipsec.ControlPlane.Workflows.Activities;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>Delete: SAs deleted in the engine (Delete notifications to the peer), then routes, then remove the resource (recording and publishing the final event first).</summary>
public sealed class DeleteConnectionOrchestrator : TaskOrchestrator<ConnectionWorkflowInput, ConnectionWorkflowResult>
{
    public override async Task<ConnectionWorkflowResult> RunAsync(TaskOrchestrationContext context, ConnectionWorkflowInput input)
    {
        var retry = WorkflowRetry.Default;
        await EngineSteps.RunAsync(context, nameof(RemoveFromEngineActivity), input, retry);
        int routes = await context.CallActivityAsync<int>(nameof(RemoveRoutesActivity), input, retry);
        await context.CallActivityAsync<bool>(nameof(RemoveConnectionActivity), input, retry);
        // Wake the watch loop so it sees the connection gone and ends now, not at its next coarse round.
        context.SendEvent(WorkflowInstanceIds.Watch(input.ConnectionId), WatchEvents.Wake, "deleted");
        return new ConnectionWorkflowResult(input.ConnectionId, "deleted", $"{routes} route(s) removed");
    }
}
