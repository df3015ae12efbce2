using Ike.Encoding.V1;

namespace Ike.Engine.Sa.V1;

/// <summary>
/// Which NAT traversal both ends announced by vendor ID in phase 1: RFC 3947 (NAT-D 20, NAT-OA 21, UDP tunnel mode 3)
/// or one of the drafts before it (130, 131, 61443); none when either end has it off.
/// </summary>
internal enum NatTraversalDialect
{
    None,
    Rfc3947,
    Draft,
}

internal static class NatTraversalDialects
{
    public static IsakmpPayloadType NatDiscoveryType(this NatTraversalDialect dialect) =>
        dialect == NatTraversalDialect.Draft ? IsakmpPayloadType.NatDiscoveryDraft : IsakmpPayloadType.NatDiscovery;

    /// <summary>The quick mode encapsulation mode for a tunnel (RFC 3947 §5.2; the drafts' private number).</summary>
    public static EncapsulationMode TunnelMode(this NatTraversalDialect dialect, bool udpEncapsulated) =>
        !udpEncapsulated ? EncapsulationMode.Tunnel
        : dialect == NatTraversalDialect.Draft ? EncapsulationMode.UdpEncapsulatedTunnelDraft
        : EncapsulationMode.UdpEncapsulatedTunnel;
}
