using Ipsec.ControlPlane.Workflows.Activities;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>
/// Create: (validated and persisted by the starter) → provision secrets → routes → hand-over to negotiation → active.
/// Decides only; every step is an activity (no I/O, clock or random here). A failed step after its retries marks the
/// connection failed with the reason.
/// </summary>
public sealed class CreateConnectionOrchestrator : TaskOrchestrator<ConnectionWorkflowInput, ConnectionWorkflowResult>
{
    public override async Task<ConnectionWorkflowResult> RunAsync(TaskOrchestrationContext context, ConnectionWorkflowInput input)
    {
        var retry = WorkflowRetry.Default;
        try
        {
            context.SetCustomStatus(new { step = "provisioning secrets" });
            string provisioned = await context.CallActivityAsync<string>(nameof(ProvisionSecretsActivity), input, retry);
            if (provisioned.StartsWith(ProvisionSecretsActivity.Refused, StringComparison.Ordinal))
            {
                string refused = $"create failed in {nameof(ProvisionSecretsActivity)}: {provisioned[ProvisionSecretsActivity.Refused.Length..]}";
                await context.CallActivityAsync<string>(nameof(SetProvisioningStateActivity),
                    new ProvisioningStateInput(input, ProvisioningState.Failed, refused), retry);
                return new ConnectionWorkflowResult(input.ConnectionId, "failed", refused);
            }
            context.SetCustomStatus(new { step = "configuring routes" });
            string routes = await context.CallActivityAsync<string>(nameof(ApplyRoutesActivity), input, retry);
            context.SetCustomStatus(new { step = "handing over to negotiation" });
            string negotiation = await EngineSteps.RunAsync(context, nameof(HandOverToNegotiationActivity), input, retry);
            await context.CallActivityAsync<string>(nameof(SetProvisioningStateActivity),
                new ProvisioningStateInput(input, ProvisioningState.Active, "connection created"), retry);
            context.SetCustomStatus(new { step = "done", routes, negotiation });
            // The watch loop waits for this instead of polling while the create runs (a burst of creates would
            // otherwise keep hundreds of watch loops busy doing nothing).
            context.SendEvent(WorkflowInstanceIds.Watch(input.ConnectionId), WatchEvents.Wake, "created");
            return new ConnectionWorkflowResult(input.ConnectionId, "active", negotiation);
        }
        catch (TaskFailedException e)
        {
            string reason = $"create failed in {e.TaskName}: {e.FailureDetails.ErrorMessage}";
            await context.CallActivityAsync<string>(nameof(SetProvisioningStateActivity),
                new ProvisioningStateInput(input, ProvisioningState.Failed, reason), retry);
            return new ConnectionWorkflowResult(input.ConnectionId, "failed", reason);
        }
    }
}
