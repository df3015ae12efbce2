using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Transport;

namespace Ike.Engine.Tests.TestSupport;

/// <summary>Reads the header of an IKE datagram on the in-memory network (what a packet capture would show).</summary>
internal static class Wire
{
    public static IkeHeader? Header(Datagram datagram) =>
        IkeFraming.Classify(datagram.Local, datagram.Remote, datagram.Payload, out ReadOnlyMemory<byte> ike) == DatagramKind.Ike
        && IkeHeader.TryRead(ike.Span, out IkeHeader header)
            ? header
            : null;

    public static bool Is(Datagram datagram, ExchangeType exchange, bool response) =>
        Header(datagram) is { } h && h.ExchangeType == exchange && h.IsResponse == response;

    public static int Count(IEnumerable<Datagram> datagrams, ExchangeType exchange, bool response) =>
        datagrams.Count(d => Is(d, exchange, response));
}
