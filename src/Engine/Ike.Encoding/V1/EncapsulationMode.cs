namespace Ike.Encoding.V1;

/// <summary>Values of the IPsec DOI Encapsulation Mode attribute.</summary>
/// <remarks>
/// RFC 2407 §4.5 defines Tunnel and Transport; RFC 3947 §5.2 adds the UDP-encapsulated modes 3 and 4.
/// Peers that agreed on a draft NAT-T vendor ID (draft-ietf-ipsec-nat-t-ike-00 to -03) send the private
/// values 61443 and 61444 instead; a responder answers in the numbering the initiator used.
/// </remarks>
public enum EncapsulationMode : ushort
{
    Tunnel = 1,
    Transport = 2,
    UdpEncapsulatedTunnel = 3,
    UdpEncapsulatedTransport = 4,
    UdpEncapsulatedTunnelDraft = 61443,
    UdpEncapsulatedTransportDraft = 61444,
}
