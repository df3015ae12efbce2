namespace Ike.Encoding.V1;

/// <summary>ISAKMP Next Payload types (RFC 2408 §3.1; RFC 3947 §3.2 and §5.1 add NAT-D and NAT-OA).</summary>
/// <remarks>
/// RFC 2408 reserves 14–127 and leaves 128–255 for private use. The NAT traversal drafts
/// (draft-ietf-ipsec-nat-t-ike-02/03) used the private numbers 130 and 131 before RFC 3947 assigned 20 and 21;
/// peers that negotiated a draft NAT-T vendor ID still send those, so both numbers are recognised.
/// </remarks>
public enum IsakmpPayloadType : byte
{
    /// <summary>"No Next Payload": ends a payload chain.</summary>
    None = 0,
    SecurityAssociation = 1,

    /// <summary>Only inside an SA payload (RFC 2408 §3.5).</summary>
    Proposal = 2,

    /// <summary>Only inside a Proposal payload (RFC 2408 §3.6).</summary>
    Transform = 3,
    KeyExchange = 4,
    Identification = 5,
    Certificate = 6,
    CertificateRequest = 7,
    Hash = 8,
    Signature = 9,
    Nonce = 10,
    Notification = 11,
    Delete = 12,
    VendorId = 13,

    /// <summary>NAT-D, RFC 3947 §3.2.</summary>
    NatDiscovery = 20,

    /// <summary>NAT-OA, RFC 3947 §5.1.</summary>
    NatOriginalAddress = 21,

    /// <summary>NAT-D as numbered by draft-ietf-ipsec-nat-t-ike-02/03 (private use range).</summary>
    NatDiscoveryDraft = 130,

    /// <summary>NAT-OA as numbered by draft-ietf-ipsec-nat-t-ike-02/03 (private use range).</summary>
    NatOriginalAddressDraft = 131,
}

/// <summary>Ranges and aliases of <see cref="IsakmpPayloadType"/>.</summary>
public static class IsakmpPayloadTypes
{
    /// <summary>First of the private use numbers (RFC 2408 §3.1: "Private USE 128 - 255").</summary>
    public const byte FirstPrivateUse = 128;

    /// <summary>Private use numbers we do not parse (vendor extensions): kept opaque and skipped by the message rules.</summary>
    public static bool IsPrivateUse(IsakmpPayloadType type) => (byte)type >= FirstPrivateUse;

    /// <summary>The RFC 3947 number for a draft NAT-T number, so that rules and look-ups treat both alike.</summary>
    public static IsakmpPayloadType Normalize(this IsakmpPayloadType type) => type switch
    {
        IsakmpPayloadType.NatDiscoveryDraft => IsakmpPayloadType.NatDiscovery,
        IsakmpPayloadType.NatOriginalAddressDraft => IsakmpPayloadType.NatOriginalAddress,
        _ => type,
    };

    /// <summary>Types that may appear in a message's payload chain (Proposal and Transform live only inside an SA).</summary>
    public static bool IsTopLevel(IsakmpPayloadType type) => type switch
    {
        IsakmpPayloadType.SecurityAssociation or IsakmpPayloadType.KeyExchange or IsakmpPayloadType.Identification
            or IsakmpPayloadType.Certificate or IsakmpPayloadType.CertificateRequest or IsakmpPayloadType.Hash
            or IsakmpPayloadType.Signature or IsakmpPayloadType.Nonce or IsakmpPayloadType.Notification
            or IsakmpPayloadType.Delete or IsakmpPayloadType.VendorId or IsakmpPayloadType.NatDiscovery
            or IsakmpPayloadType.NatOriginalAddress or IsakmpPayloadType.NatDiscoveryDraft
            or IsakmpPayloadType.NatOriginalAddressDraft => true,
        _ => false,
    };
}
