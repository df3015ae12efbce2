namespace Ike.Encoding;

/// <summary>Identification types of the ID payload.</summary>
/// <remarks>
/// IKEv2: RFC 7296 §3.5 allows 1, 2, 3, 5, 9, 10, 11. IKEv1 (RFC 2407 §4.6.2.1) uses the same numbers
/// and adds the subnet and range forms 4, 6, 7, 8, which IKEv2 does not define; they are listed so the
/// IKEv1 codec can share the enum.
/// </remarks>
public enum IdentificationType : byte
{
    Ipv4Address = 1,
    Fqdn = 2,
    Rfc822Address = 3,
    Ipv4AddressSubnet = 4,
    Ipv6Address = 5,
    Ipv6AddressSubnet = 6,
    Ipv4AddressRange = 7,
    Ipv6AddressRange = 8,
    DerAsn1Dn = 9,
    DerAsn1Gn = 10,
    KeyId = 11,
}
