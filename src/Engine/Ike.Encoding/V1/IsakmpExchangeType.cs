namespace Ike.Encoding.V1;

/// <summary>ISAKMP exchange types (RFC 2408 §3.1 and §4; RFC 2409 §5.5 and §6 for the IKE DOI-specific ones).</summary>
/// <remarks>
/// RFC 2408 §3.1 assigns 0–5 and reserves 6–31 for ISAKMP, 32–239 for DOI-specific use and 240–255 for
/// private use; IKE (RFC 2409) takes 32 for Quick Mode and 33 for New Group Mode. A value not listed here is
/// answered with INVALID-EXCHANGE-TYPE (RFC 2408 §5.1).
/// </remarks>
public enum IsakmpExchangeType : byte
{
    None = 0,

    /// <summary>RFC 2408 §4.4: key exchange and authentication together, no identity protection.</summary>
    Base = 1,

    /// <summary>RFC 2408 §4.5, IKE "Main Mode" (RFC 2409 §5): six messages, identities encrypted.</summary>
    IdentityProtection = 2,

    /// <summary>RFC 2408 §4.6: authentication only, no key exchange.</summary>
    AuthenticationOnly = 3,

    /// <summary>RFC 2408 §4.7, IKE "Aggressive Mode" (RFC 2409 §5): three messages, identities in clear.</summary>
    Aggressive = 4,

    /// <summary>RFC 2408 §4.8: one-way notifications and deletes; IKE protects it with the phase 1 SA (RFC 2409 §5.7).</summary>
    Informational = 5,

    /// <summary>RFC 2409 §5.5: phase 2 negotiation of IPsec SAs under the ISAKMP SA.</summary>
    QuickMode = 32,

    /// <summary>RFC 2409 §6: agree on a new Diffie-Hellman group under the ISAKMP SA.</summary>
    NewGroupMode = 33,
}

/// <summary>Which exchange types the IKEv1 codec recognises.</summary>
public static class IsakmpExchangeTypes
{
    /// <summary>True for the types of RFC 2408 §3.1 and RFC 2409 that this codec decodes; others get INVALID-EXCHANGE-TYPE.</summary>
    public static bool IsDefined(IsakmpExchangeType type) => type is IsakmpExchangeType.Base
        or IsakmpExchangeType.IdentityProtection or IsakmpExchangeType.AuthenticationOnly or IsakmpExchangeType.Aggressive
        or IsakmpExchangeType.Informational or IsakmpExchangeType.QuickMode or IsakmpExchangeType.NewGroupMode;
}
