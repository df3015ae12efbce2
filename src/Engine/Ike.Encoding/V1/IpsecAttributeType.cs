namespace Ike.Encoding.V1;

/// <summary>SA attribute classes of the IPsec DOI (phase 2) transforms, RFC 2407 §4.5.</summary>
/// <remarks>
/// RFC 2407 §4.5 marks SA Life Duration and Compress Private Algorithm Variable (V), every other class Basic
/// (B). ECN Tunnel comes from RFC 3168 §9.2.1, Extended Sequence Number from RFC 4304 §2.
/// </remarks>
public enum IpsecAttributeType : ushort
{
    SaLifeType = 1,
    SaLifeDuration = 2,
    GroupDescription = 3,
    EncapsulationMode = 4,
    AuthenticationAlgorithm = 5,

    /// <summary>In bits (RFC 2407 §4.5); ESP_AES needs it (RFC 3602 §5).</summary>
    KeyLength = 6,
    KeyRounds = 7,
    CompressDictionarySize = 8,
    CompressPrivateAlgorithm = 9,
    EcnTunnel = 10,
    ExtendedSequenceNumber = 11,
}

/// <summary>The Basic/Variable marking of RFC 2407 §4.5.</summary>
public static class IpsecAttributeTypes
{
    /// <summary>True for the classes §4.5 marks "B", which are always TV (AF=1) attributes.</summary>
    public static bool IsBasic(IpsecAttributeType type) =>
        type is not (IpsecAttributeType.SaLifeDuration or IpsecAttributeType.CompressPrivateAlgorithm)
        && (ushort)type <= (ushort)IpsecAttributeType.ExtendedSequenceNumber;
}
