using Ipsec.ControlPlane.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Queues;

/// <summary>
/// The local runtime's stand-in for the Functions queue trigger: receives from <c>connection-requests</c>, hands each
/// message to <see cref="CreationRequestConsumer"/>, deletes it when handled. A message that keeps failing (not
/// rejected: failing, e.g. storage down) is retried after its visibility timeout and, after 5 dequeues, moved to the
/// error queue like the Functions host moves it to a poison queue.
/// </summary>
public sealed partial class CreationRequestPump(StorageClients storage, CreationRequestConsumer consumer, DurableTaskClient client,
    ILogger<CreationRequestPump> log) : BackgroundService
{
    const int MaxDequeueCount = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = storage.Queue(StorageNames.RequestsQueue);
        var idle = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: TimeSpan.FromSeconds(60), stoppingToken)).Value;
                foreach (var m in messages)
                {
                    if (m.DequeueCount > MaxDequeueCount)
                    {
                        await storage.Queue(StorageNames.RequestErrorsQueue).SendMessageAsync(
                            System.Text.Json.JsonSerializer.Serialize(new { code = "PoisonMessage", message = $"failed {MaxDequeueCount} times", messageId = m.MessageId }), stoppingToken);
                    }
                    else
                    {
                        await consumer.HandleAsync(m.Body.ToString(), client, stoppingToken);
                    }
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stoppingToken);
                }
                if (messages.Length == 0) await Task.Delay(idle, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                LogPumpFailure(log, e.GetType().Name, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { });
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "request queue pump: {Type}: {Message}; retrying")]
    static partial void LogPumpFailure(ILogger log, string type, string message);
}
