using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// Hands the connection to its gateway's negotiation engine: configures it there (and with <c>effectImmediately</c>
/// starts negotiating). The negotiation's outcome arrives later as engine events (<see cref="EngineEventRecorder"/>);
/// this step never waits for it. When the engine cannot take the connection (no engine on this host, IKEv1 or SM not
/// built yet, the gateway address not on this host) the reason is recorded and the status stays
/// <c>ike_sa_not_established</c>: nothing pretends the tunnel came up.
/// </summary>
public sealed class HandOverToNegotiationActivity(ConnectionStore connections, EngineHandOver handOver, ConnectionSteps steps, TimeProvider clock)
    : TaskActivity<ConnectionWorkflowInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null) return "connection no longer exists";
        var result = await handOver.ApplyAsync(current.Record, default);

        await steps.ApplyOnceAsync(input, ConnectionSteps.Name(input, "negotiation"), record =>
        {
            var next = record.WithChange("negotiation", null, result.Accepted ? "configured" : "not_available", result.Detail, clock.GetUtcNow());
            // An engine event may already have moved the status on (the negotiation can be that fast); then its
            // reason stands. Otherwise the reason says what happens next, or why nothing can.
            return record.Status != TunnelStatus.IkeSaNotEstablished ? next : next with { StatusReason = result.Detail };
        });
        return result.Detail;
    }
}
