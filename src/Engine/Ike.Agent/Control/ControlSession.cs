using Ike.Agent.Control.Views;
using Microsoft.Extensions.Logging;

namespace Ike.Agent.Control;

/// <summary>
/// One client of the control socket: reads request lines (bounded, see <see cref="ControlProtocol.MaxLineBytes"/>),
/// answers each in order, and turns into an event stream on <c>watch</c>. Malformed requests are answered with an
/// error and the session goes on; an over-long line is answered and the connection closed.
/// </summary>
internal sealed partial class ControlSession(Stream stream, CommandDispatcher dispatcher, EngineEventRelay events, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken shutdown)
    {
        var reader = new BoundedLineReader(stream, ControlProtocol.MaxLineBytes);
        while (!shutdown.IsCancellationRequested)
        {
            (LineStatus status, ReadOnlyMemory<byte> line) next;
            using (var idle = new CancellationTokenSource(ControlProtocol.IdleTimeout, time))
            using (var reading = CancellationTokenSource.CreateLinkedTokenSource(idle.Token, shutdown))
            {
                try
                {
                    next = await reader.ReadLineAsync(reading.Token);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !shutdown.IsCancellationRequested)
                {
                    LogIdle();
                    return;
                }
            }
            switch (next.status)
            {
                case LineStatus.End:
                    return;
                case LineStatus.TooLong:
                    await SendAsync(ControlResponse.Error(ControlErrorCodes.LineTooLong,
                        $"a request line may be at most {ControlProtocol.MaxLineBytes} bytes; closing the connection"), shutdown);
                    return;
            }
            if (next.line.Span.Trim(" \t"u8).IsEmpty) continue;

            var request = ControlRequest.TryParse(next.line, out var error);
            if (request is null)
            {
                await SendAsync(ControlResponse.Error(error!), shutdown);
                continue;
            }
            if (request.Command == ControlCommand.Watch)
            {
                await WatchAsync(reader, shutdown);
                return;
            }
            await SendAsync(await dispatcher.ExecuteAsync(request, shutdown), shutdown);
        }
    }

    /// <summary>Relays events until the client closes its end or the agent stops. The client says nothing more
    /// during a watch; whatever it sends is read (bounded) and ignored, so its close is noticed.</summary>
    private async Task WatchAsync(BoundedLineReader reader, CancellationToken shutdown)
    {
        var (queue, subscription) = events.Subscribe();
        using var _ = subscription;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        await SendAsync(ControlResponse.Result(new WatchStartedView(true), ControlJson.Default.WatchStartedView), shutdown);
        var closed = WaitForCloseAsync(reader, stop);
        try
        {
            await foreach (var e in queue.ReadAllAsync(stop.Token))
                await SendAsync(ControlResponse.Event(e), stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await stop.CancelAsync();
            await closed;
        }
    }

    private static async Task WaitForCloseAsync(BoundedLineReader reader, CancellationTokenSource stop)
    {
        try
        {
            while ((await reader.ReadLineAsync(stop.Token)).Status == LineStatus.Line)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
        await stop.CancelAsync();
    }

    private async Task SendAsync(byte[] line, CancellationToken ct)
    {
        await stream.WriteAsync(line, ct);
        await stream.FlushAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "control client idle too long; closing")]
    private partial void LogIdle();
}
