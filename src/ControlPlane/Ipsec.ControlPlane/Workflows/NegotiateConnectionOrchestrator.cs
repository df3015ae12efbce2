using Ipsec.ControlPlane.Workflows.Activities;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>Negotiate by hand: make sure the engine has the connection (it may have restarted), then initiate.</summary>
public sealed class NegotiateConnectionOrchestrator : TaskOrchestrator<ConnectionWorkflowInput, ConnectionWorkflowResult>
{
    public override async Task<ConnectionWorkflowResult> RunAsync(TaskOrchestrationContext context, ConnectionWorkflowInput input)
    {
        var retry = WorkflowRetry.Default;
        string configured = await EngineSteps.RunAsync(context, nameof(HandOverToNegotiationActivity), input, retry);
        string started = await EngineSteps.RunAsync(context, nameof(InitiateNegotiationActivity), input, retry);
        return new ConnectionWorkflowResult(input.ConnectionId, "active", $"{configured}; {started}");
    }
}
