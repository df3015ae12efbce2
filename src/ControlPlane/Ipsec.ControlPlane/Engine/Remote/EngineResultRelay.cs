using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>
/// Turns an answer on the results queue into the durable external event the sending orchestration waits for
/// (<see cref="EngineReplies.EventName"/>). The Functions app calls it from a queue trigger, the local runtime from
/// its pump. An answer whose orchestration is gone (it timed out and finished, or was purged) is dropped: the watch
/// loop reconciles whatever that command changed.
/// </summary>
public sealed partial class EngineResultRelay(ILogger<EngineResultRelay> log)
{
    public async Task HandleAsync(string message, DurableTaskClient client, CancellationToken ct)
    {
        if (!EngineMessageCodec.TryDecodeResult(message, out var result, out var error))
        {
            LogMalformed(log, error);
            return;
        }
        try
        {
            await client.RaiseEventAsync(result.ReplyTo, EngineReplies.EventName(result.CommandId), result, ct);
            LogRelayed(log, result.Kind, result.CommandId, result.ReplyTo);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Dropped only when nobody can receive it any more; anything else (storage unavailable) is tried again.
            var instance = await client.GetInstanceAsync(result.ReplyTo, getInputsAndOutputs: false, ct);
            if (instance is not null && !instance.IsCompleted) throw;
            LogNoReceiver(log, result.CommandId, result.ReplyTo);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "malformed message on the engine results queue dropped: {Error}")]
    static partial void LogMalformed(ILogger log, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "engine answer to {Kind} {CommandId} raised into {InstanceId}")]
    static partial void LogRelayed(ILogger log, string kind, string commandId, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "engine answer to {CommandId} dropped: orchestration {InstanceId} no longer waits")]
    static partial void LogNoReceiver(ILogger log, string commandId, string instanceId);
}
