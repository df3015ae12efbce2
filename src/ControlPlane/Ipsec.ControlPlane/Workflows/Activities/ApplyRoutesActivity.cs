using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// Makes the gateway's route table match the connection: in <c>protectedFlows</c> mode one unpublished policy route per
/// local×remote subnet pair (PRODUCT.md section 3, "routingMode"); in <c>destination</c> mode and on legacy gateways
/// none (the user adds routes). Also records on the gateway that BGP was switched on, which can never be undone.
/// Reconciling with deterministic route ids makes a replay harmless.
/// </summary>
public sealed class ApplyRoutesActivity(ConnectionStore connections, RouteStore routes, GatewayStore gateways, ConnectionSteps steps, TimeProvider clock)
    : TaskActivity<ConnectionWorkflowInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null) return "connection no longer exists";
        var settings = current.Record.Settings;
        var wanted = RoutePlanner.PolicyRoutesFor(input.ConnectionId, settings);
        var (added, removed) = await routes.ReconcilePolicyRoutesAsync(input.AccountId, settings.VpnGatewayId, input.ConnectionId, wanted);
        if (settings.BgpConfig.EnableBgp) await gateways.MarkBgpEnabledAsync(input.AccountId, settings.VpnGatewayId);

        string detail = settings.RoutingMode == RoutingMode.ProtectedFlows
            ? $"{wanted.Count} policy route(s) in the gateway's policy route table, unpublished until you publish them ({added} added, {removed} removed)"
            : settings.RoutingMode is null
                ? "legacy gateway: add destination or policy routes by hand"
                : "destination routing: add destination routes to the gateway's route table";
        await steps.ApplyOnceAsync(input, ConnectionSteps.Name(input, "routes"), r => r.WithChange("routes", null, "configured", detail, clock.GetUtcNow()));
        return detail;
    }
}
