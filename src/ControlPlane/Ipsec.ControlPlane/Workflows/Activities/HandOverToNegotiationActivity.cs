using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// Hands the connection to its gateway's negotiation engine: configures it there (and with <c>effectImmediately</c>
/// starts negotiating). The negotiation's outcome arrives later as engine events (<see cref="EngineEventRecorder"/>);
/// this step never waits for it. When the engine cannot take the connection (no engine on this host, IKEv1 or SM not
/// built yet, the gateway address not on this host) the reason is recorded and the status stays
/// <c>ike_sa_not_established</c>: nothing pretends the tunnel came up. With the queue transport the engine's answer
/// arrives later: the orchestration awaits it (<see cref="EngineSteps"/>) and calls this activity again to record it.
/// </summary>
public sealed class HandOverToNegotiationActivity(ConnectionStore connections, EngineHandOver handOver, ConnectionSteps steps, TimeProvider clock)
    : TaskActivity<EngineStepInput, EngineStep>
{
    public override async Task<EngineStep> RunAsync(TaskActivityContext context, EngineStepInput step)
    {
        var input = step.Connection;
        if (step.Answer is { } answer) return EngineStep.Done(await RecordAsync(input, answer.AsApplyResult()));
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null) return EngineStep.Done("connection no longer exists");
        var dispatch = await handOver.ApplyAsync(current.Record, context.InstanceId, default);
        return dispatch.Answer is { } now
            ? EngineStep.Done(await RecordAsync(input, now.AsApplyResult()))
            : EngineStep.From(dispatch, a => a.Detail, EngineCommandKinds.Apply);
    }

    async Task<string> RecordAsync(ConnectionWorkflowInput input, EngineApplyResult result)
    {
        await steps.ApplyOnceAsync(input, ConnectionSteps.Name(input, "negotiation"), record =>
        {
            var now = clock.GetUtcNow();
            var next = record.WithChange("negotiation", null, result.Accepted ? "configured" : "not_available", result.Detail, now);
            // BGP state shows what the gateway holds: the peering, or that BGP is on but nothing is configured.
            if (record.Settings.BgpConfig.EnableBgp)
                next = result.Bgp is { } bgp
                    ? next.WithChange("bgp", EngineEventRecorder.BgpState(record), "configured", $"{bgp}; BGP session not run by this release", now)
                    : next.WithChange("bgp", EngineEventRecorder.BgpState(record), "not_configured", result.Detail, now);
            // An engine event may already have moved the status on (the negotiation can be that fast); then its
            // reason stands. Otherwise the reason says what happens next, or why nothing can.
            return record.Status != TunnelStatus.IkeSaNotEstablished ? next : next with { StatusReason = result.Detail };
        });
        return result.Detail;
    }
}
