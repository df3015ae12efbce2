using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>Records an engine event from the <c>engine-events</c> queue with <see cref="EngineEventRecorder"/> (the same
/// recorder the in-process engine's events go to). A malformed message is dropped with a warning.</summary>
public sealed partial class EngineEventIntake(EngineEventRecorder recorder, ILogger<EngineEventIntake> log)
{
    public async Task HandleAsync(string message, CancellationToken ct)
    {
        if (!EngineMessageCodec.TryDecodeEvent(message, out var engineEvent, out var error))
        {
            LogMalformed(log, error);
            return;
        }
        await recorder.RecordAsync(engineEvent, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "malformed message on the engine events queue dropped: {Error}")]
    static partial void LogMalformed(ILogger log, string error);
}
