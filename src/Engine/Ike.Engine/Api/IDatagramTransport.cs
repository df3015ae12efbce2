using System.Net;

namespace Ike.Engine.Api;

/// <summary>One UDP datagram as the socket saw it: the UDP payload, exactly (a non-ESP marker, if any, included).</summary>
public readonly record struct Datagram(IPEndPoint Local, IPEndPoint Remote, ReadOnlyMemory<byte> Payload);

/// <summary>
/// The engine's seam to the network (wireguard-go's conn.Bind): real UDP sockets in the agent, an in-memory pair in
/// tests. The engine adds and strips the non-ESP marker itself (RFC 3948 §2.2), since only it knows whether a port
/// carries ESP.
/// </summary>
public interface IDatagramTransport : IAsyncDisposable
{
    /// <summary>The local endpoints the transport listens on (e.g. 127.0.0.1:500 and 127.0.0.1:4500).</summary>
    IReadOnlyList<IPEndPoint> LocalEndpoints { get; }

    /// <summary>Sends from one of <see cref="LocalEndpoints"/>.</summary>
    ValueTask SendAsync(Datagram datagram, CancellationToken ct = default);

    /// <summary>Starts delivering received datagrams to <paramref name="receive"/>, one at a time per endpoint.</summary>
    void Start(Func<Datagram, ValueTask> receive);
}
