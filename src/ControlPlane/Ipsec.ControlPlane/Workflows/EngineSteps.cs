using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>The input of an activity that talks to the gateway engine: first without <see cref="Answer"/> (it acts and
/// sends a command), then — only when the engine answers through the queue transport — again with the answer, which it
/// records. Ids only besides the answer: no settings or secrets in durable history.</summary>
public sealed record EngineStepInput(ConnectionWorkflowInput Connection, EngineCommandResult? Answer = null);

/// <summary>What an engine step reports: its outcome, or the command whose answer the orchestration must await.</summary>
public sealed record EngineStep(string Outcome, string? AwaitCommandId = null, string? AwaitKind = null)
{
    public static EngineStep Done(string outcome) => new(outcome);

    /// <summary>Done when the engine answered at once; otherwise wait for the answer to the sent command.</summary>
    public static EngineStep From(EngineDispatch dispatch, Func<EngineCommandResult, string> whenAnswered, string kind) =>
        dispatch.Answer is { } answer ? Done(whenAnswered(answer)) : new EngineStep($"waiting for the gateway ({kind} {dispatch.SentCommandId})", dispatch.SentCommandId, kind);
}

/// <summary>
/// Runs an engine step from an orchestration so it works with both channels: the in-process engine answers inside the
/// activity; with the queue transport the orchestration waits for the answer as a durable external event with a
/// durable-timer timeout (never an activity blocking), then hands it to the same activity to record.
/// </summary>
public static class EngineSteps
{
    /// <summary>How long an orchestration waits for a gateway agent's answer before recording that none came.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A step sends at most this many commands in a row (the watch loop: query, then apply again).</summary>
    const int MaxCommands = 3;

    public static async Task<string> RunAsync(TaskOrchestrationContext context, string activity, ConnectionWorkflowInput input, TaskOptions retry)
    {
        var step = await context.CallActivityAsync<EngineStep>(activity, new EngineStepInput(input), retry);
        for (int sent = 1; step.AwaitCommandId is string commandId && sent <= MaxCommands; sent++)
        {
            EngineCommandResult answer;
            try { answer = await context.WaitForExternalEvent<EngineCommandResult>(EngineReplies.EventName(commandId), AnswerTimeout); }
            catch (TaskCanceledException) { answer = EngineCommandResult.NoAnswer(commandId, step.AwaitKind ?? "", AnswerTimeout); }
            step = await context.CallActivityAsync<EngineStep>(activity, new EngineStepInput(input, answer), retry);
        }
        return step.Outcome;
    }
}
