using Ipsec.ControlPlane.Storage;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>Tears down every route the connection owns (first step of a delete; idempotent).</summary>
public sealed class RemoveRoutesActivity(ConnectionStore connections, RouteStore routes) : TaskActivity<ConnectionWorkflowInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null) return 0;
        return await routes.RemoveConnectionRoutesAsync(input.AccountId, current.Record.Settings.VpnGatewayId, input.ConnectionId);
    }
}
