using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// One round of the watch loop: if the gateway engine no longer has an active connection (it restarted), configure it
/// again — an <c>effectImmediately</c> connection then negotiates again, and INITIAL_CONTACT makes the peer drop the SAs
/// of the engine's earlier incarnation, so no duplicate SA remains. Records the repair in the history. With the queue
/// transport the round takes up to two answers from the agent (the query, then the apply), each handed back to this
/// activity by the orchestration (<see cref="EngineSteps"/>).
/// </summary>
public sealed class ReconcileEngineActivity(ConnectionStore connections, IEngineCommandChannel engine, EngineHandOver handOver, TimeProvider clock)
    : TaskActivity<EngineStepInput, EngineStep>
{
    public const string Gone = "gone", NotYetActive = "not-yet-active";

    public override async Task<EngineStep> RunAsync(TaskActivityContext context, EngineStepInput step)
    {
        var input = step.Connection;
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null || current.Record.ProvisioningState == ProvisioningState.Deleting) return EngineStep.Done(Gone);
        if (current.Record.ProvisioningState is ProvisioningState.Creating or ProvisioningState.Updating) return EngineStep.Done(NotYetActive);
        if (current.Record.ProvisioningState == ProvisioningState.Failed) return EngineStep.Done("failed: nothing to watch");

        switch (step.Answer)
        {
            case null:
                var query = await engine.DispatchAsync(new QueryConnectionCommand(EngineCommandIds.New(), context.InstanceId,
                    current.Record.Settings.VpnGatewayId, input.AccountId, input.ConnectionId), default);
                return query.Answer is { } answered ? await DecideAsync(current.Record, answered, context.InstanceId) : EngineStep.From(query, a => a.Detail, EngineCommandKinds.Query);
            case { Kind: EngineCommandKinds.Query } state:
                return await DecideAsync(current.Record, state, context.InstanceId);
            case var applied:
                return EngineStep.Done(await RecordReapplyAsync(input, applied));
        }
    }

    async Task<EngineStep> DecideAsync(ConnectionRecord record, EngineCommandResult query, string replyTo)
    {
        if (!query.Accepted || query.State is null) return EngineStep.Done("engine unavailable: " + query.Detail);
        var state = query.State;
        if (state.Loaded) return EngineStep.Done(state.ChildSaEstablished ? "ipsec_sa_established" : state.IkeSaEstablished ? "ike_sa_established" : "configured");
        // The stored status describes SAs the engine no longer has: reset it before the apply is sent, so the events of
        // the new negotiation land on top of it. (Over the queues they can be recorded before the apply's answer.)
        // A status that claims no SA (e.g. the engine has refused the connection every round) is left alone: rewriting it
        // would cost two writes a round and make the reason flicker.
        await connections.UpdateAsync(record.AccountId, record.ConnectionId, r => r.Status == TunnelStatus.IkeSaNotEstablished
            ? null
            : r with { Status = TunnelStatus.IkeSaNotEstablished, StatusReason = LostReason });
        var apply = await handOver.ApplyAsync(record, replyTo, default);
        return apply.Answer is { } now
            ? EngineStep.Done(await RecordReapplyAsync(new ConnectionWorkflowInput(record.AccountId, record.ConnectionId, 0), now))
            : EngineStep.From(apply, a => a.Detail, EngineCommandKinds.Apply);
    }

    const string LostReason = "the gateway engine had lost the connection (restart?); configuring it again";

    /// <summary>Records the engine's answer to the re-apply. The status is left to the engine's events (they may already
    /// say established); only a status still waiting gets the answer as its reason. A refusal (or no answer) is not
    /// added to the history: the next round tries again, and a history entry every round would grow without bound.</summary>
    async Task<string> RecordReapplyAsync(ConnectionWorkflowInput input, EngineCommandResult result)
    {
        var now = clock.GetUtcNow();
        await connections.UpdateAsync(input.AccountId, input.ConnectionId, r =>
        {
            var next = result.Accepted
                ? r.WithChange("negotiation", null, "configured", "the gateway engine had lost the connection (restart?); configured again: " + result.Detail, now)
                : r;
            if (!result.Accepted && (r.Status != TunnelStatus.IkeSaNotEstablished || r.StatusReason == result.Detail)) return null;   // nothing new
            return r.Status == TunnelStatus.IkeSaNotEstablished ? next with { StatusReason = result.Detail } : next;
        });
        return result.Accepted ? "re-applied" : "engine unavailable: " + result.Detail;
    }
}
