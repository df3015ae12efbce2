namespace Ipsec.Domain;

/// <summary>What an IKE identity string (localId / remoteId) is.</summary>
public enum IkeIdentityKind
{
    Ipv4Address,
    Fqdn,
    DistinguishedName,
}

/// <summary>
/// The IP-or-FQDN identities of PRODUCT.md section 3 (<c>localId</c>, <c>remoteId</c>): at most 100 characters, no
/// spaces, an IPv4 address (ID_IPV4_ADDR) or a host name (ID_FQDN), RFC 7296 section 3.5 / RFC 2407 section 4.6.2.1.
/// </summary>
public static class IkeIdentity
{
    public const int MaxLength = 100;

    public const string Description = "an IPv4 address or an FQDN, at most 100 characters, without spaces";

    /// <summary>The kind of an IP/FQDN identity, or null when it is neither (or too long, or has spaces).</summary>
    public static IkeIdentityKind? ClassifyAddressOrFqdn(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(char.IsWhiteSpace)) return null;
        if (Ipv4Address.TryParse(text, out _)) return IkeIdentityKind.Ipv4Address;
        return HostName.IsValid(text) ? IkeIdentityKind.Fqdn : null;
    }

    public static bool IsFqdn(string text) => ClassifyAddressOrFqdn(text) == IkeIdentityKind.Fqdn;
}
