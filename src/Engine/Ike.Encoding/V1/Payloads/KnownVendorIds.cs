namespace Ike.Encoding.V1.Payloads;

/// <summary>The IKEv1 vendor IDs we send or recognise, with where their octets come from.</summary>
/// <remarks>
/// Sources: RFC 3706 §4 (DPD: a fixed value whose last two octets are major 1, minor 0); RFC 3947 §3.1
/// (NAT-T: MD5 of "RFC 3947"); the NAT-T drafts define theirs as MD5 of the draft name, and
/// draft-ietf-ipsec-nat-t-ike-02 printed a hash of the name with a trailing newline, which implementations
/// send as well (hence "02\n"); draft-ietf-ipsec-isakmp-xauth-06 (XAUTH). The strongSwan, XAUTH, DPD,
/// FRAGMENTATION, RFC 3947 and draft-02\n octets were also observed on the wire in strongSwan 5.9.8's main mode
/// message 1 (tests/Ike.Encoding.Tests/V1/StrongSwanIkev1Vectors.cs, captured by V1/Vectors/capture_charon_ikev1.py
/// with <c>send_vendor_id = yes</c>). FRAGMENTATION is Cisco's IKE fragmentation ID, which strongSwan and Cisco
/// follow with four octets of flags (a prefix match). Libreswan announces itself with the ASCII string
/// "OE-Libreswan-" and its version (lib/libswan/lswversion.c; the string is in the Libreswan 4.10 pluto binary
/// installed here) only when configured with <c>send-vendorid=yes</c>.
/// </remarks>
public static class KnownVendorIds
{
    /// <summary>RFC 3706 dead peer detection, version 1.0.</summary>
    public static readonly KnownVendorId DeadPeerDetection = new("DPD", Convert.FromHexString("afcad71368a1f1c96b8696fc77570100"));

    /// <summary>RFC 3947 NAT traversal: NAT-D 20, NAT-OA 21, encapsulation modes 3 and 4.</summary>
    public static readonly KnownVendorId NatTraversalRfc3947 = new("RFC 3947", Convert.FromHexString("4a131c81070358455c5728f20e95452f"));

    /// <summary>draft-ietf-ipsec-nat-t-ike-02: NAT-D 130, NAT-OA 131, encapsulation modes 61443/61444.</summary>
    public static readonly KnownVendorId NatTraversalDraft02 = new("draft-ietf-ipsec-nat-t-ike-02", Convert.FromHexString("cd60464335df21f87cfdb2fc68b6a448"));

    /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-02\n"): the hash as the draft printed it, sent by strongSwan and others.</summary>
    public static readonly KnownVendorId NatTraversalDraft02N = new("draft-ietf-ipsec-nat-t-ike-02\\n", Convert.FromHexString("90cb80913ebb696e086381b5ec427b1f"));

    /// <summary>draft-ietf-ipsec-nat-t-ike-03: same numbering as -02.</summary>
    public static readonly KnownVendorId NatTraversalDraft03 = new("draft-ietf-ipsec-nat-t-ike-03", Convert.FromHexString("7d9419a65310ca6f2c179d9215529d56"));

    /// <summary>Extended authentication (draft-ietf-ipsec-isakmp-xauth-06); recognised, not implemented.</summary>
    public static readonly KnownVendorId Xauth = new("XAUTH", Convert.FromHexString("09002689dfd6b712"));

    /// <summary>Cisco's IKE fragmentation, followed by flags; recognised, not implemented.</summary>
    public static readonly KnownVendorId Fragmentation = new("FRAGMENTATION", Convert.FromHexString("4048b7d56ebce88525e7de7f00d6c2d3"), MatchesPrefix: true);

    /// <summary>MD5("strongSwan"), sent by charon with <c>charon.send_vendor_id = yes</c>.</summary>
    public static readonly KnownVendorId StrongSwan = new("strongSwan", Convert.FromHexString("882fe56d6fd20dbc2251613b2ebe5beb"));

    /// <summary>"OE-Libreswan-" followed by the version, sent by pluto with <c>send-vendorid=yes</c>.</summary>
    public static readonly KnownVendorId Libreswan = new("Libreswan", "OE-Libreswan-"u8.ToArray(), MatchesPrefix: true);

    /// <summary>Every ID above, for naming the vendor IDs a peer sent.</summary>
    public static IReadOnlyList<KnownVendorId> All { get; } =
    [
        DeadPeerDetection, NatTraversalRfc3947, NatTraversalDraft02, NatTraversalDraft02N, NatTraversalDraft03,
        Xauth, Fragmentation, StrongSwan, Libreswan,
    ];

    /// <summary>The known ID a payload carries, or null for one we do not recognise (which is ignored).</summary>
    public static KnownVendorId? Identify(ReadOnlySpan<byte> vendorId)
    {
        foreach (KnownVendorId known in All)
        {
            if (known.Matches(vendorId))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>True for the NAT-T vendor IDs whose peers number NAT-D/NAT-OA 130/131 and the UDP modes 61443/61444.</summary>
    public static bool UsesDraftNatTraversalNumbers(KnownVendorId known) =>
        known == NatTraversalDraft02 || known == NatTraversalDraft02N || known == NatTraversalDraft03;
}
