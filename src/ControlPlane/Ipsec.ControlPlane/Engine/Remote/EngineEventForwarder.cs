using System.Threading.Channels;
using Azure;
using Ike.Engine.Api;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>The gateway agent sends every engine event (SA up/down, DPD, rekeys, health) to the <c>engine-events</c>
/// queue, in the order the engine raised them; a send that fails is retried, so storage hiccups lose no event.</summary>
public sealed partial class EngineEventForwarder(EngineTransportQueues queues, ILogger<EngineEventForwarder> log)
{
    public async Task RunAsync(ChannelReader<EngineEvent> events, CancellationToken ct)
    {
        try
        {
            await foreach (var e in events.ReadAllAsync(ct))
            {
                string message = EngineMessageCodec.Encode(e);
                for (int attempt = 1; ; attempt++)
                {
                    try { await queues.Events.SendMessageAsync(message, ct); break; }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        LogSendFailed(log, e.Type.ToString(), e.Connection, attempt, ex is RequestFailedException r ? r.Status.ToString() : ex.GetType().Name);
                        await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), ct);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "engine event {Type} of {Connection}: send attempt {Attempt} failed ({Status}); retrying")]
    static partial void LogSendFailed(ILogger log, string type, string connection, int attempt, string status);
}
