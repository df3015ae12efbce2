using Ipsec.ControlPlane.Engine;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>Starts a negotiation by hand (POST /api/connections/{id}/negotiate). Returns at once; the outcome arrives as
/// engine events. A connection whose IKE SA already exists is left alone.</summary>
public sealed class InitiateNegotiationActivity(IGatewayEngine engine) : TaskActivity<ConnectionWorkflowInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var result = await engine.InitiateAsync(input.AccountId, input.ConnectionId, default);
        return result.Detail;
    }
}
