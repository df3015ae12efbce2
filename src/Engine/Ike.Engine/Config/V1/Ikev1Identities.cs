using System.Net;
using System.Net.Sockets;
using Ike.Encoding;
using Ike.Encoding.V1.Payloads;
using TrafficSelector = Ike.Encoding.V2.Payloads.TrafficSelector;
using Ike.Engine.Api;

namespace Ike.Engine.Config.V1;

/// <summary>
/// IKEv1 identification payloads: phase 1 identities (IDii/IDir, RFC 2407 §4.6.2) from the configured IDs, and the
/// quick mode client identities (IDci/IDcr, RFC 2409 §5.5) from and to the subnets the CHILD SA protects. Pure.
/// </summary>
public static class Ikev1Identities
{
    /// <summary>PRODUCT.md §3: an IPv4 address is ID_IPV4_ADDR, anything else ID_FQDN. Protocol and port are zero
    /// ("MUST be set to zero or to UDP port 500", RFC 2407 §4.6.2).</summary>
    public static IdPayload ForIdentity(string id) =>
        IPAddress.TryParse(id, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetwork
            ? IdPayload.ForAddress(address)
            : IdPayload.ForFqdn(id);

    /// <summary>True when a received phase 1 identity names <paramref name="configuredId"/>: same type and value (FQDNs
    /// case-insensitively); the protocol and port fields are not part of who it names.</summary>
    public static bool Names(IdPayload received, string configuredId)
    {
        IdPayload expected = ForIdentity(configuredId);
        if (expected.IdType != received.IdType)
        {
            return false;
        }

        return expected.IdType == IdentificationType.Fqdn && received.TryGetText(out string? text)
            ? string.Equals(text, configuredId, StringComparison.OrdinalIgnoreCase)
            : expected.Data.Span.SequenceEqual(received.Data.Span);
    }

    /// <summary>"fqdn:gw.example", "ipv4:203.0.113.10", as the IKEv2 diagnostics name identities.</summary>
    public static string Describe(IdPayload id)
    {
        if (id.TryGetAddress(out IPAddress? address))
        {
            return $"{(id.IdType == IdentificationType.Ipv4Address ? "ipv4" : "ipv6")}:{address}";
        }

        if (id.TryGetText(out string? text))
        {
            return $"{(id.IdType == IdentificationType.Fqdn ? "fqdn" : "email")}:{new string([.. text!.Take(100).Select(c => c is >= ' ' and <= '~' ? c : '?')])}";
        }

        if (id.IdType == IdentificationType.DerAsn1Dn)
        {
            return DistinguishedNames.Describe(id.Data);
        }

        return $"id-type-{(byte)id.IdType}";
    }

    /// <summary>A subnet as a client identity: ID_IPV4_ADDR for a /32 (what strongSwan and Libreswan send for a
    /// host), ID_IPV4_ADDR_SUBNET otherwise; all protocols and ports.</summary>
    public static IdPayload ForSubnet(Subnet subnet) =>
        subnet.PrefixLength == 32
            ? IdPayload.ForAddress(subnet.Network)
            : IdPayload.ForSubnet(NetworkOf(subnet), subnet.PrefixLength);

    /// <summary>
    /// A client identity as a traffic selector (address range, protocol, port: a single port or all of them), or null
    /// for a type that names no IPv4 traffic (FQDN, IPv6, a netmask that is not contiguous).
    /// </summary>
    public static TrafficSelector? ToSelector(IdPayload id)
    {
        ushort startPort = id.Port;
        ushort endPort = id.Port == 0 ? ushort.MaxValue : id.Port;
        switch (id.IdType)
        {
            case IdentificationType.Ipv4Address when id.TryGetAddress(out IPAddress? host):
                return TrafficSelector.ForRange(host!, host!, id.IpProtocol, startPort, endPort);
            case IdentificationType.Ipv4AddressSubnet when id.TryGetAddressPair(out IPAddress? network, out IPAddress? mask):
                uint maskBits = TrafficSelectors.ToUInt(mask!);
                if ((~maskBits & (~maskBits + 1)) != 0)
                {
                    return null; // RFC 2407 §4.6.2.5 netmasks are contiguous
                }

                uint first = TrafficSelectors.ToUInt(network!) & maskBits;
                return TrafficSelector.ForRange(TrafficSelectors.FromUInt(first), TrafficSelectors.FromUInt(first | ~maskBits), id.IpProtocol, startPort, endPort);
            case IdentificationType.Ipv4AddressRange when id.TryGetAddressPair(out IPAddress? start, out IPAddress? end):
                return TrafficSelector.ForRange(start!, end!, id.IpProtocol, startPort, endPort);
            default:
                return null;
        }
    }

    /// <summary>The selector a CHILD SA gets when quick mode carries no client identities: "the identities ... are
    /// assumed to be the IP addresses of the ISAKMP peers" (RFC 2409 §5.5).</summary>
    public static TrafficSelector ForHost(IPAddress address) => TrafficSelector.ForRange(address, address);

    private static IPAddress NetworkOf(Subnet subnet) =>
        TrafficSelectors.FromUInt(TrafficSelectors.ToUInt(subnet.Network) & (subnet.PrefixLength == 0 ? 0 : uint.MaxValue << (32 - subnet.PrefixLength)));
}
