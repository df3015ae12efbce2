using System.Net;
using Ike.Engine.Api;

namespace Ike.Engine.Transport;

/// <summary>
/// A network in memory for tests (wireguard-go's bindtest): transports attach with their endpoints, and a datagram sent
/// to an endpoint reaches the transport that owns it. With <see cref="Hold"/> set, datagrams wait in
/// <see cref="Pending"/> until the test delivers, drops or duplicates them one by one, so an exchange can be stepped
/// message by message.
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly object _gate = new();
    private readonly Dictionary<IPEndPoint, InMemoryTransport> _owners = [];
    private readonly List<Datagram> _pending = [];

    /// <summary>Keep datagrams in <see cref="Pending"/> instead of delivering them at once.</summary>
    public bool Hold { get; set; }

    /// <summary>Every datagram ever sent, in order (tests assert on ports and the non-ESP marker).</summary>
    public List<Datagram> Sent { get; } = [];

    public IReadOnlyList<Datagram> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending];
            }
        }
    }

    /// <summary>A transport listening on <paramref name="endpoints"/> in this network.</summary>
    public InMemoryTransport Attach(params IPEndPoint[] endpoints)
    {
        var transport = new InMemoryTransport(this, endpoints);
        lock (_gate)
        {
            foreach (IPEndPoint endpoint in endpoints)
            {
                _owners[endpoint] = transport;
            }
        }

        return transport;
    }

    /// <summary>Delivers the oldest pending datagram; false when none is pending.</summary>
    public async Task<bool> DeliverNextAsync()
    {
        Datagram next;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            next = _pending[0];
            _pending.RemoveAt(0);
        }

        await DeliverAsync(next);
        return true;
    }

    /// <summary>Delivers the oldest pending datagram that <paramref name="which"/> picks, out of order (a network that
    /// reorders); false when none matches.</summary>
    public async Task<bool> DeliverPendingAsync(Func<Datagram, bool> which)
    {
        Datagram next;
        lock (_gate)
        {
            int index = _pending.FindIndex(d => which(d));
            if (index < 0)
            {
                return false;
            }

            next = _pending[index];
            _pending.RemoveAt(index);
        }

        await DeliverAsync(next);
        return true;
    }

    /// <summary>Drops the oldest pending datagram (a lost packet); false when none is pending.</summary>
    public bool DropNext()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            _pending.RemoveAt(0);
            return true;
        }
    }

    /// <summary>Delivers a datagram again, as a duplicating network would.</summary>
    public Task DeliverAsync(Datagram datagram)
    {
        InMemoryTransport? owner;
        lock (_gate)
        {
            _owners.TryGetValue(datagram.Remote, out owner);
        }

        // the receiver sees the datagram from its own side: its local is our remote
        return owner is null
            ? Task.CompletedTask
            : owner.ReceiveAsync(new Datagram(datagram.Remote, datagram.Local, datagram.Payload.ToArray())).AsTask();
    }

    internal Task SendAsync(Datagram datagram)
    {
        lock (_gate)
        {
            Sent.Add(datagram);
            if (Hold)
            {
                _pending.Add(datagram);
                return Task.CompletedTask;
            }
        }

        return DeliverAsync(datagram);
    }

    internal void Detach(InMemoryTransport transport)
    {
        lock (_gate)
        {
            foreach (IPEndPoint endpoint in transport.LocalEndpoints)
            {
                if (_owners.TryGetValue(endpoint, out InMemoryTransport? owner) && ReferenceEquals(owner, transport))
                {
                    _owners.Remove(endpoint);
                }
            }
        }
    }
}

/// <summary>One engine's attachment to an <see cref="InMemoryNetwork"/>. Datagram.Remote is where a datagram goes.</summary>
public sealed class InMemoryTransport : IDatagramTransport
{
    private readonly InMemoryNetwork _network;
    private Func<Datagram, ValueTask>? _receive;

    internal InMemoryTransport(InMemoryNetwork network, IReadOnlyList<IPEndPoint> endpoints)
    {
        _network = network;
        LocalEndpoints = endpoints;
    }

    public IReadOnlyList<IPEndPoint> LocalEndpoints { get; }

    public ValueTask SendAsync(Datagram datagram, CancellationToken ct = default)
    {
        if (!LocalEndpoints.Contains(datagram.Local))
        {
            throw new ArgumentException($"{datagram.Local} is not an endpoint of this transport");
        }

        return new ValueTask(_network.SendAsync(new Datagram(datagram.Local, datagram.Remote, datagram.Payload.ToArray())));
    }

    public void Start(Func<Datagram, ValueTask> receive) => _receive = receive;

    public ValueTask DisposeAsync()
    {
        _network.Detach(this);
        _receive = null;
        return ValueTask.CompletedTask;
    }

    internal ValueTask ReceiveAsync(Datagram datagram) => _receive?.Invoke(datagram) ?? ValueTask.CompletedTask;
}
