namespace Ike.Encoding.V1;

/// <summary>Attribute classes of an ISAKMP (phase 1) transform, RFC 2409 Appendix A.</summary>
/// <remarks>
/// Appendix A marks each class Basic (B) or Variable (V): "Attributes described as basic MUST NOT be encoded
/// as variable. Variable length attributes MAY be encoded as basic attributes if their value can fit into
/// two octets." <see cref="Phase1AttributeTypes.IsBasic"/> keeps that marking so the codec can reject a basic
/// attribute sent in TLV form.
/// </remarks>
public enum Phase1AttributeType : ushort
{
    EncryptionAlgorithm = 1,
    HashAlgorithm = 2,
    AuthenticationMethod = 3,
    GroupDescription = 4,
    GroupType = 5,
    GroupPrime = 6,
    GroupGeneratorOne = 7,
    GroupGeneratorTwo = 8,
    GroupCurveA = 9,
    GroupCurveB = 10,
    LifeType = 11,
    LifeDuration = 12,
    Prf = 13,

    /// <summary>In bits; required for ciphers with variable key sizes such as AES (RFC 3602 §5).</summary>
    KeyLength = 14,
    FieldSize = 15,
    GroupOrder = 16,
}

/// <summary>The Basic/Variable marking of RFC 2409 Appendix A.</summary>
public static class Phase1AttributeTypes
{
    /// <summary>True for the classes Appendix A marks "B": they are always sent as TV (AF=1) attributes.</summary>
    public static bool IsBasic(Phase1AttributeType type) => type is Phase1AttributeType.EncryptionAlgorithm
        or Phase1AttributeType.HashAlgorithm or Phase1AttributeType.AuthenticationMethod
        or Phase1AttributeType.GroupDescription or Phase1AttributeType.GroupType or Phase1AttributeType.LifeType
        or Phase1AttributeType.Prf or Phase1AttributeType.KeyLength or Phase1AttributeType.FieldSize;
}
