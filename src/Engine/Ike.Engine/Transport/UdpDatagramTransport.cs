using System.Net;
using System.Net.Sockets;
using Ike.Engine.Api;

namespace Ike.Engine.Transport;

/// <summary>
/// Real UDP sockets, one per local endpoint (e.g. 198.18.1.1:500 and 198.18.1.1:4500), bound to the exact address so
/// that a datagram's local endpoint is known without IP_PKTINFO. Each socket has its own receive loop that hands one
/// datagram at a time to the engine; the payload is a fresh array the engine may keep.
/// </summary>
public sealed class UdpDatagramTransport : IDatagramTransport
{
    /// <summary>Largest UDP payload (IPv4: 65535 − 20 − 8); a bigger one cannot arrive.</summary>
    private const int MaxDatagram = 65507;

    private readonly List<(IPEndPoint Endpoint, Socket Socket)> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    /// <summary>Binds every endpoint now, so a port clash fails here and not in the middle of a negotiation.</summary>
    public UdpDatagramTransport(IEnumerable<IPEndPoint> endpoints)
    {
        try
        {
            foreach (IPEndPoint endpoint in endpoints)
            {
                var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                _sockets.Add((endpoint, socket));
                socket.Bind(endpoint);
            }
        }
        catch
        {
            foreach ((_, Socket socket) in _sockets)
            {
                socket.Dispose();
            }

            throw;
        }

        LocalEndpoints = [.. _sockets.Select(s => (IPEndPoint)s.Socket.LocalEndPoint!)];
    }

    public IReadOnlyList<IPEndPoint> LocalEndpoints { get; }

    public async ValueTask SendAsync(Datagram datagram, CancellationToken ct = default)
    {
        Socket socket = FindSocket(datagram.Local) ?? throw new ArgumentException($"no socket bound to {datagram.Local}");
        try
        {
            await socket.SendToAsync(datagram.Payload, SocketFlags.None, datagram.Remote, ct);
        }
        catch (SocketException)
        {
            // UDP: an unreachable peer is the retransmission logic's business, not an exception for the engine
        }
    }

    public void Start(Func<Datagram, ValueTask> receive)
    {
        for (int i = 0; i < _sockets.Count; i++)
        {
            (IPEndPoint _, Socket socket) = _sockets[i];
            IPEndPoint local = LocalEndpoints[i];
            _loops.Add(Task.Run(() => ReceiveLoopAsync(socket, local, receive)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach ((_, Socket socket) in _sockets)
        {
            socket.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private Socket? FindSocket(IPEndPoint local)
    {
        for (int i = 0; i < LocalEndpoints.Count; i++)
        {
            if (LocalEndpoints[i].Equals(local))
            {
                return _sockets[i].Socket;
            }
        }

        return null;
    }

    private async Task ReceiveLoopAsync(Socket socket, IPEndPoint local, Func<Datagram, ValueTask> receive)
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(local.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // an ICMP error reported on the socket (ECONNREFUSED): keep listening
                continue;
            }

            byte[] payload = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            await receive(new Datagram(local, (IPEndPoint)result.RemoteEndPoint, payload));
        }
    }
}
