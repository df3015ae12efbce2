using Ipsec.Domain;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>
/// What the engine answered to one command: accepted or refused with the engine's detail, and for a query the
/// connection's state. It travels on the results queue and is raised into the sending orchestration as the external
/// event <see cref="EngineReplies.EventName"/>(<see cref="CommandId"/>); the in-process engine returns it directly.
/// <see cref="Bgp"/> is the peering the gateway holds after an apply.
/// </summary>
public sealed record EngineCommandResult(string CommandId, string ReplyTo, string Kind, bool Accepted, string Detail,
    EngineConnectionState? State = null, BgpPeering? Bgp = null)
{
    /// <summary>The answer to an apply as the hand-over records it.</summary>
    public EngineApplyResult AsApplyResult() => new(Accepted, Detail, Bgp);

    /// <summary>What the orchestration records when no answer came in time: the command may still be waiting in the
    /// gateway's queue (agent down or busy) and is executed when the agent reads it.</summary>
    public static EngineCommandResult NoAnswer(string commandId, string kind, TimeSpan waited) => new(commandId, "", kind, false,
        $"the gateway agent did not answer within {waited.TotalSeconds:F0} s (command {commandId} stays in the gateway's queue and runs when the agent reads it)");
}

/// <summary>How the sender finds the answer to a command: the name of the durable external event that carries it.</summary>
public static class EngineReplies
{
    /// <summary>One event name per command, so a late answer to an earlier command (a retried activity) never
    /// satisfies a wait for a later one.</summary>
    public static string EventName(string commandId) => "engine-reply-" + commandId;
}
