namespace Ipsec.Domain;

/// <summary>Why a text is or is not an IPv4 CIDR block.</summary>
public enum CidrParseOutcome
{
    Valid,

    /// <summary>Not <c>a.b.c.d/n</c> with a strict IPv4 address and 0 ≤ n ≤ 32.</summary>
    Malformed,

    /// <summary>
    /// Well formed, but the address has bits set below the prefix (<c>10.0.0.1/24</c>). Refused rather than silently
    /// masked: the user may have meant a host route or another prefix length, and guessing would hide that.
    /// </summary>
    HostBitsSet,
}
