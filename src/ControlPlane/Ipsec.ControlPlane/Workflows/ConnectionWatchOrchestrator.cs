using Ipsec.ControlPlane.Workflows.Activities;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>
/// The per-connection watch loop (monitor pattern, fixed instance id "{connectionId}-watch"): reconcile the engine with
/// the stored connection, then sleep until woken or the coarse interval passes, then ContinueAsNew. The engine does the
/// fast work itself (DPD, rekeys, renegotiation, probes) and reports changes as events, which are recorded as they come;
/// this loop only repairs drift (the engine lost the connection, e.g. after a restart) so storage transactions do not
/// grow with the probe rate. It ends when the connection is deleted.
/// </summary>
public sealed class ConnectionWatchOrchestrator : TaskOrchestrator<WatchInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, WatchInput input)
    {
        string outcome = await EngineSteps.RunAsync(context, nameof(ReconcileEngineActivity),
            new ConnectionWorkflowInput(input.AccountId, input.ConnectionId, 0), WorkflowRetry.Default);
        if (outcome == ReconcileEngineActivity.Gone) return "connection deleted; watch ended";
        context.SetCustomStatus(new { round = input.Round, last = outcome });

        // While the create (or a modify) runs, its orchestrator wakes this loop when it ends; the 60 s fallback only
        // matters if that event was lost. Otherwise sleep for the coarse interval unless woken.
        var wait = outcome == ReconcileEngineActivity.NotYetActive ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(input.IntervalSeconds);
        try { await context.WaitForExternalEvent<string>(WatchEvents.Wake, wait); }
        catch (TaskCanceledException) { /* the interval passed without a wake-up */ }
        context.ContinueAsNew(input with { Round = input.Round + 1 });
        return outcome;
    }
}
