using System.Net;
using System.Net.Sockets;

namespace Ike.HandshakeBench.Responder;

/// <summary>
/// A TCP port on loopback that answers every connection with one line of <see cref="HandshakeCounters"/> and closes, so
/// that a shell can read the responder's count (<c>exec 3&lt;&gt;/dev/tcp/HOST/PORT; cat &lt;&amp;3</c>). Idle between reads.
/// </summary>
internal sealed class StatusListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly HandshakeCounters _counters;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StatusListener(IPEndPoint endpoint, HandshakeCounters counters)
    {
        _counters = counters;
        _listener = new TcpListener(endpoint);
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(_counters + "\n"), _stop.Token);
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // a reader that went away early: the next one gets its line
            }
        }
    }
}
