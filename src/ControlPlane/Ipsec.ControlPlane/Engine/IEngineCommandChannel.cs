using Ipsec.ControlPlane.Engine.Remote;

namespace Ipsec.ControlPlane.Engine;

/// <summary>
/// How activities reach a gateway's engine. The in-process engine answers at once (<see cref="DirectEngineChannel"/>);
/// a gateway agent reached over storage queues answers later (<see cref="QueueGatewayEngine"/>): its answer is raised
/// into the orchestration named by <see cref="EngineCommand.ReplyTo"/> as the external event
/// <see cref="EngineReplies.EventName"/>, which the orchestration awaits with a durable timeout. Either way no activity
/// blocks waiting for a gateway.
/// </summary>
public interface IEngineCommandChannel
{
    Task<EngineDispatch> DispatchAsync(EngineCommand command, CancellationToken ct);
}

/// <summary>The engine answered already (<see cref="Answer"/>), or the command was sent and the answer arrives as an
/// external event for <see cref="SentCommandId"/>.</summary>
public sealed record EngineDispatch(EngineCommandResult? Answer, string? SentCommandId)
{
    public static EngineDispatch Answered(EngineCommandResult answer) => new(answer, null);
    public static EngineDispatch Sent(string commandId) => new(null, commandId);
}
