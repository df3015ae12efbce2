namespace Ike.Encoding;

/// <summary>Security protocol identifiers.</summary>
/// <remarks>
/// IKEv2: RFC 7296 §3.3.1 (Protocol ID) and the IANA "IKEv2 Security Protocol Identifiers" registry.
/// IKEv1 uses the same numbers for its DOI (RFC 2407 §4.4.1: PROTO_ISAKMP 1, PROTO_IPSEC_AH 2,
/// PROTO_IPSEC_ESP 3), so both codecs share this enum. Zero means "no SPI" in Notify (§3.10).
/// </remarks>
public enum IpsecProtocolId : byte
{
    None = 0,
    Ike = 1,
    Ah = 2,
    Esp = 3,
}
