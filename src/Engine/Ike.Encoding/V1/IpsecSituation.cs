namespace Ike.Encoding.V1;

/// <summary>IPsec DOI situation bitmask of the SA payload (RFC 2407 §4.2).</summary>
/// <remarks>
/// With SIT_SECRECY or SIT_INTEGRITY a Labeled Domain Identifier and sensitivity/integrity levels follow the
/// situation (RFC 2407 §4.6.1). Nobody outside labeled networks sends them, and the product does not
/// negotiate them: the codec accepts SIT_IDENTITY_ONLY alone and reports anything else as
/// SituationNotSupported (the peer gets SITUATION-NOT-SUPPORTED).
/// </remarks>
[Flags]
public enum IpsecSituation : uint
{
    IdentityOnly = 0x01,
    Secrecy = 0x02,
    Integrity = 0x04,
}
