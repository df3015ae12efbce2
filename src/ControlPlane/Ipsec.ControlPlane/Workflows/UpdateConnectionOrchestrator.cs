using Ipsec.ControlPlane.Workflows.Activities;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>Modify: the new settings are stored by the starter; this applies them (routes follow changed subnets or
/// routing mode; the engine gets the new settings) and returns the connection to active.</summary>
public sealed class UpdateConnectionOrchestrator : TaskOrchestrator<ConnectionWorkflowInput, ConnectionWorkflowResult>
{
    public override async Task<ConnectionWorkflowResult> RunAsync(TaskOrchestrationContext context, ConnectionWorkflowInput input)
    {
        var retry = WorkflowRetry.Default;
        try
        {
            string routes = await context.CallActivityAsync<string>(nameof(ApplyRoutesActivity), input, retry);
            await EngineSteps.RunAsync(context, nameof(HandOverToNegotiationActivity), input, retry);
            await context.CallActivityAsync<string>(nameof(SetProvisioningStateActivity),
                new ProvisioningStateInput(input, ProvisioningState.Active, "connection modified"), retry);
            context.SendEvent(WorkflowInstanceIds.Watch(input.ConnectionId), WatchEvents.Wake, "modified");
            return new ConnectionWorkflowResult(input.ConnectionId, "active", routes);
        }
        catch (TaskFailedException e)
        {
            string reason = $"modify failed in {e.TaskName}: {e.FailureDetails.ErrorMessage}";
            await context.CallActivityAsync<string>(nameof(SetProvisioningStateActivity),
                new ProvisioningStateInput(input, ProvisioningState.Failed, reason), retry);
            return new ConnectionWorkflowResult(input.ConnectionId, "failed", reason);
        }
    }
}
