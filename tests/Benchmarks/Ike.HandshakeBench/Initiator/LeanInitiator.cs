using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ike.HandshakeBench.Initiator;

/// <summary>
/// Keeps <c>concurrency</c> handshakes in flight against one responder from one UDP socket, on one thread: receive a
/// response, advance its handshake, send the next request, start a new handshake when one ends. No retransmission:
/// on loopback nothing is lost unless a socket buffer overflows, and a handshake silent for the give-up time is
/// counted as a failure instead (a run with failures is reported as such, not hidden).
/// </summary>
internal sealed class LeanInitiator : IDisposable
{
    /// <summary>RFC 3948 §2.2: four zero octets before an IKE message where the port may also carry ESP.</summary>
    private const int NonEspMarkerLength = 4;
    private const int IkePort = 500;
    private static readonly TimeSpan ReceivePoll = TimeSpan.FromMilliseconds(100);

    private readonly InitiatorContext _context;
    private readonly Socket _socket;
    private readonly bool _useMarker;
    private readonly Dictionary<ulong, Handshake> _inFlight = [];
    private readonly byte[] _receiveBuffer = new byte[65535];
    private readonly long _giveUpTicks;

    public LeanInitiator(InitiatorContext context, TimeSpan giveUpAfter)
    {
        _context = context;
        _giveUpTicks = (long)(giveUpAfter.TotalSeconds * Stopwatch.Frequency);
        _useMarker = context.Local.Port != IkePort && context.Remote.Port != IkePort;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveTimeout = (int)ReceivePoll.TotalMilliseconds,
            ReceiveBufferSize = 4 << 20,
            SendBufferSize = 4 << 20,
        };
        _socket.Bind(context.Local);
    }

    /// <summary>Runs <paramref name="count"/> handshakes, at most <paramref name="concurrency"/> at a time, and waits
    /// until every one has ended, so that the next phase starts with nothing in flight.</summary>
    public PhaseStats Run(int count, int concurrency)
    {
        var stats = new PhaseStats();
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        long lastSweep = Stopwatch.GetTimestamp();
        while (stats.Finished < count)
        {
            while (stats.Started < count && _inFlight.Count < concurrency)
            {
                Start(stats);
            }

            int received;
            try
            {
                received = _socket.ReceiveFrom(_receiveBuffer, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionRefused)
            {
                received = -1;
            }

            long now = Stopwatch.GetTimestamp();
            if (received > 0)
            {
                OnDatagram(_receiveBuffer.AsSpan(0, received), now, stats);
            }

            if (now - lastSweep > Stopwatch.Frequency / 10)
            {
                GiveUpSilent(now, stats);
                lastSweep = now;
            }
        }

        return stats;
    }

    public void Dispose()
    {
        foreach (Handshake handshake in _inFlight.Values)
        {
            handshake.Dispose();
        }

        _inFlight.Clear();
        _socket.Dispose();
    }

    private void Start(PhaseStats stats)
    {
        long now = Stopwatch.GetTimestamp();
        var handshake = new Handshake(_context, now);
        _inFlight.Add(handshake.InitiatorSpi, handshake);
        stats.Started++;
        Send(handshake, handshake.BuildInitRequest(), now);
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram, long now, PhaseStats stats)
    {
        ReadOnlySpan<byte> message = datagram;
        if (_useMarker)
        {
            if (datagram.Length < NonEspMarkerLength + 28 || BinaryPrimitives.ReadUInt32BigEndian(datagram) != 0)
            {
                return; // a NAT keepalive or ESP: nothing the initiator waits for
            }

            message = datagram[NonEspMarkerLength..];
        }

        if (message.Length < 28 || !_inFlight.TryGetValue(BinaryPrimitives.ReadUInt64BigEndian(message), out Handshake? handshake))
        {
            return; // a late answer to a handshake already given up
        }

        StepResult step = handshake.OnResponse(message, now);
        if (step.Established)
        {
            stats.Established++;
            stats.EstablishMilliseconds.Add((now - handshake.StartedAt) * 1000.0 / Stopwatch.Frequency);
        }

        if (step.Send is not null)
        {
            Send(handshake, step.Send, now);
            return;
        }

        if (step.Failure is not null)
        {
            stats.AddFailure(step.Failure);
        }

        End(handshake, stats);
    }

    private void GiveUpSilent(long now, PhaseStats stats)
    {
        foreach (Handshake handshake in _inFlight.Values.Where(h => now - h.LastSentAt > _giveUpTicks).ToList())
        {
            stats.AddFailure($"no answer while {handshake.Stage}");
            End(handshake, stats);
        }
    }

    private void End(Handshake handshake, PhaseStats stats)
    {
        _inFlight.Remove(handshake.InitiatorSpi);
        handshake.Dispose();
        stats.Finished++;
    }

    private void Send(Handshake handshake, byte[] ikeMessage, long now)
    {
        handshake.LastSentAt = now;
        if (!_useMarker)
        {
            _socket.SendTo(ikeMessage, _context.Remote);
            return;
        }

        var framed = new byte[NonEspMarkerLength + ikeMessage.Length];
        ikeMessage.CopyTo(framed, NonEspMarkerLength);
        _socket.SendTo(framed, _context.Remote);
    }
}
