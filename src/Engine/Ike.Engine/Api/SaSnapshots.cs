using System.Net;

namespace Ike.Engine.Api;

/// <summary>An IKE SA as listed by the control interface (like <c>swanctl --list-sas</c>).</summary>
public sealed record IkeSaSnapshot(
    string Connection, string State, bool Initiator, IkeProtocol Protocol,
    ulong InitiatorSpi, ulong ResponderSpi, IPEndPoint Local, IPEndPoint Remote,
    string LocalId, string RemoteId, string Algorithms, bool NatDetected, DateTimeOffset EstablishedAt,
    DateTimeOffset? RekeyAt, IReadOnlyList<ChildSaSnapshot> Children);

/// <summary>A CHILD SA: SPIs in network order as hex, the negotiated algorithms (e.g. "aes128/sha256/modp2048" or
/// without the group when no PFS), the traffic selectors, and byte/packet counters of the userspace ESP path.</summary>
public sealed record ChildSaSnapshot(
    string Name, string State, uint InboundSpi, uint OutboundSpi, string Algorithms, bool UdpEncapsulated,
    IReadOnlyList<string> LocalTs, IReadOnlyList<string> RemoteTs, DateTimeOffset InstalledAt, DateTimeOffset? RekeyAt,
    long BytesIn, long BytesOut, long PacketsIn, long PacketsOut);

/// <summary>The result of an ICMP echo sent through a CHILD SA.</summary>
public sealed record ProbeResult(bool Replied, TimeSpan? RoundTrip, string Detail);

/// <summary>The result of an initiate: the CHILD SA is up, or why not.</summary>
public sealed record NegotiationResult(bool Established, NegotiationDiagnostic? Failure)
{
    public static NegotiationResult Success { get; } = new(true, null);
}
