namespace Ipsec.Domain;

/// <summary>
/// The BGP session a connection's tunnel carries (PRODUCT.md §5), as the gateway configures it: our address inside the
/// tunnel /30 (<c>localBgpIp</c>), the neighbour's (the /30's other usable host, RFC 3021 aside: a /30 has exactly two),
/// our ASN and the customer gateway's ASN when it has one. Derived from validated settings only.
/// </summary>
public sealed record BgpPeering(string TunnelCidr, string LocalAddress, string NeighborAddress, long LocalAsn, long? PeerAsn)
{
    /// <summary>The peering of a connection with BGP on, or null when BGP is off (or the settings were never validated).</summary>
    public static BgpPeering? From(BgpConfig bgp, long? customerAsn)
    {
        if (!bgp.EnableBgp || bgp.TunnelCidr is null || bgp.LocalBgpIp is null) return null;
        if (Ipv4Cidr.TryParse(bgp.TunnelCidr, out var cidr) != CidrParseOutcome.Valid || cidr.PrefixLength != 30) return null;
        if (!Ipv4Address.TryParse(bgp.LocalBgpIp, out var local) || !cidr.Contains(local)) return null;
        // Hosts of a /30 are network+1 and network+2; the neighbour is whichever one we are not.
        uint first = cidr.Network.Value + 1, second = cidr.Network.Value + 2;
        if (local.Value != first && local.Value != second) return null;
        var neighbor = new Ipv4Address(local.Value == first ? second : first);
        return new BgpPeering(cidr.ToString(), local.ToString(), neighbor.ToString(), bgp.LocalAsn, customerAsn);
    }

    public override string ToString() =>
        $"local {LocalAddress}/30 AS {LocalAsn}, neighbor {NeighborAddress} AS {(PeerAsn is long asn ? asn.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(customer gateway has no ASN)")}";
}
