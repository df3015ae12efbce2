using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>How often an idle queue is polled: the delay doubles from <see cref="MinIdleDelay"/> to
/// <see cref="MaxIdleDelay"/> while the queue stays empty and resets on the next message. An idle reader costs one
/// transaction per <see cref="MaxIdleDelay"/>.</summary>
public sealed record QueuePolling(TimeSpan MinIdleDelay, TimeSpan MaxIdleDelay)
{
    public static QueuePolling Agent { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
}

/// <summary>
/// Reads a queue the way the Functions queue trigger does, for the processes that have no trigger (the gateway agent,
/// the local runtime): a batch at a time, each message handed to the handler in order and deleted when handled. A
/// handler that throws leaves the message for another try after its visibility timeout; after
/// <see cref="MaxDequeueCount"/> tries it is dropped with a warning (as host.json's maxDequeueCount moves it to poison).
/// </summary>
public static partial class QueueMessagePump
{
    public const int MaxDequeueCount = 5;
    static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(QueueClient queue, Func<string, CancellationToken, Task> handle, QueuePolling polling, ILogger log, CancellationToken ct)
    {
        var idle = polling.MinIdleDelay;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: Visibility, ct)).Value;
                foreach (var m in messages)
                {
                    if (m.DequeueCount > MaxDequeueCount) LogPoison(log, queue.Name, m.MessageId, MaxDequeueCount);
                    else
                    {
                        try { await handle(m.Body.ToString(), ct); }
                        catch (Exception e) when (!ct.IsCancellationRequested)
                        {
                            LogHandlerFailed(log, queue.Name, m.MessageId, e.GetType().Name, e.Message);
                            continue;   // visible again after the timeout: another try
                        }
                    }
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                }
                idle = messages.Length > 0 ? polling.MinIdleDelay : idle;
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, ct);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, polling.MaxIdleDelay.Ticks));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Storage unavailable, the queue not created yet (404), a network timeout: a reader must outlive all of
                // them. An exception escaping a hosted service would stop the whole host.
                LogQueueFailed(log, queue.Name, e is RequestFailedException r ? $"{r.Status} {r.ErrorCode}" : e.GetType().Name, e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(2), ct); } catch (OperationCanceledException) { }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "queue {Queue}: message {MessageId} failed {Count} times; dropped")]
    static partial void LogPoison(ILogger log, string queue, string messageId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "queue {Queue}: message {MessageId} failed ({Type}: {Message}); it will be tried again")]
    static partial void LogHandlerFailed(ILogger log, string queue, string messageId, string type, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "queue {Queue} unavailable ({Error}: {Message}); retrying")]
    static partial void LogQueueFailed(ILogger log, string queue, string error, string message);
}
