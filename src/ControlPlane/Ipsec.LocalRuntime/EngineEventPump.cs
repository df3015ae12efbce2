using Ipsec.ControlPlane.Engine;

namespace Ipsec.LocalRuntime;

/// <summary>Hands the in-process engines' events to the recorder, one at a time and in order (on Azure a queue-triggered
/// function does the same with the gateway agents' event messages).</summary>
sealed partial class EngineEventPump(InProcessGatewayEngines engines, EngineEventRecorder recorder, ILogger<EngineEventPump> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in engines.Events.ReadAllAsync(stoppingToken))
            {
                try { await recorder.RecordAsync(e, stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogFailed(log, e.Type.ToString(), e.Connection, ex.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record engine event {Type} of {Connection}: {Message}")]
    static partial void LogFailed(ILogger log, string type, string connection, string message);
}
