using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// One round of the watch loop: if the gateway engine no longer has an active connection (it restarted), configure it
/// again — an <c>effectImmediately</c> connection then negotiates again, and INITIAL_CONTACT makes the peer drop the SAs
/// of the engine's earlier incarnation, so no duplicate SA remains. Records the repair in the history.
/// </summary>
public sealed class ReconcileEngineActivity(ConnectionStore connections, IGatewayEngine engine, EngineHandOver handOver, TimeProvider clock)
    : TaskActivity<ConnectionWorkflowInput, string>
{
    public const string Gone = "gone", NotYetActive = "not-yet-active";

    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null || current.Record.ProvisioningState == ProvisioningState.Deleting) return Gone;
        if (current.Record.ProvisioningState is ProvisioningState.Creating or ProvisioningState.Updating) return NotYetActive;
        if (current.Record.ProvisioningState == ProvisioningState.Failed) return "failed: nothing to watch";

        var state = await engine.QueryAsync(input.AccountId, input.ConnectionId, default);
        if (state.Loaded) return state.ChildSaEstablished ? "ipsec_sa_established" : state.IkeSaEstablished ? "ike_sa_established" : "configured";

        var result = await handOver.ApplyAsync(current.Record, default);
        if (!result.Accepted) return "engine unavailable: " + result.Detail;
        var now = clock.GetUtcNow();
        await connections.UpdateAsync(input.AccountId, input.ConnectionId, r => r.WithChange("negotiation", null, "configured",
            "the gateway engine had lost the connection (restart?); configured again: " + result.Detail, now) with
            {
                Status = TunnelStatus.IkeSaNotEstablished,
                StatusReason = result.Detail,
            });
        return "re-applied";
    }
}
