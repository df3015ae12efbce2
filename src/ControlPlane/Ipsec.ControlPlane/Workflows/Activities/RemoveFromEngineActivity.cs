using Ipsec.ControlPlane.Engine;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>First step of a delete: the engine sends Delete notifications to the peer and removes the SAs and the
/// connection (idempotent: an unknown connection is nothing to do).</summary>
public sealed class RemoveFromEngineActivity(IGatewayEngine engine) : TaskActivity<ConnectionWorkflowInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        await engine.RemoveAsync(input.AccountId, input.ConnectionId, default);
        return "removed from the gateway engine";
    }
}
