using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// Removes the connection resource. The final "deleted" change is recorded and published before the row goes, so the
/// event cannot be lost; a replay after the row is gone finds nothing to do.
/// </summary>
public sealed class RemoveConnectionActivity(ConnectionStore connections, ConnectionSteps steps, TimeProvider clock) : TaskActivity<ConnectionWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var record = await steps.ApplyOnceAsync(input, ConnectionSteps.Name(input, "deleted"), r =>
            r.WithChange("provisioningState", ApiNames.Of(r.ProvisioningState), "deleted", "connection deleted; its routes were removed", clock.GetUtcNow()));
        if (record is null) return false;
        await connections.DeleteAsync(input.AccountId, input.ConnectionId, record.ClientToken);
        return true;
    }
}
