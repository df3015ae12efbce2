namespace Ike.Encoding.V1;

/// <summary>Transform identifiers of ISAKMP and ESP transforms (RFC 2407 §4.4.2, §4.4.4).</summary>
/// <remarks>
/// In IKEv1 the transform ID names the protocol's algorithm family and the attributes carry the rest; the
/// ISAKMP protocol has one transform, KEY_IKE. ESP values: RFC 2407 §4.4.4, AES from RFC 3602 §5.
/// </remarks>
public static class TransformIds
{
    /// <summary>KEY_IKE: the only transform of PROTO_ISAKMP (RFC 2407 §4.4.2).</summary>
    public const byte KeyIke = 1;
}

/// <summary>ESP transform identifiers (RFC 2407 §4.4.4; IANA "IPsec ESP Transform Identifiers").</summary>
public enum EspTransformId : byte
{
    DesIv64 = 1,
    Des = 2,
    TripleDes = 3,
    Rc5 = 4,
    Idea = 5,
    Cast = 6,
    Blowfish = 7,
    TripleIdea = 8,
    DesIv32 = 9,
    Rc4 = 10,
    Null = 11,
    Aes = 12,
}
