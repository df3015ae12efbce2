namespace Ike.Engine.Timing;

/// <summary>Constants the RFCs fix (as opposed to <see cref="IkeTimingOptions"/>, which an operator may tune).</summary>
public static class Rfc7296Limits
{
    /// <summary>Our nonce length. §2.10: at least 128 bits and at least half the PRF key size; 32 octets cover
    /// HMAC-SHA-512 (key 64 octets), the largest PRF we run.</summary>
    public const int NonceLength = 32;

    /// <summary>The standard IKE port (§2) and the NAT-T port (§2.23, RFC 3948).</summary>
    public const int IkePort = 500;

    public const int NatTraversalPort = 4500;

    /// <summary>§2.3: without SET_WINDOW_SIZE the window is one request outstanding.</summary>
    public const int WindowSize = 1;

    /// <summary>CHILD SA SPIs 0-255 are reserved (RFC 4303 §2.1).</summary>
    public const uint MinimumChildSpi = 256;

    /// <summary>Length of a COOKIE's secret-version prefix; §2.6 suggests Cookie = VersionIDofSecret | Hash(...).</summary>
    public const int CookieVersionLength = 4;

    /// <summary>§2.6: a cookie is 1-64 octets; the initiator echoes it unchanged.</summary>
    public const int MaxCookieLength = 64;

    /// <summary>How often an initiator follows COOKIE or INVALID_KE_PAYLOAD answers before giving up (a responder
    /// that keeps asking is broken or hostile, §2.6 / §1.2).</summary>
    public const int MaxInitRetries = 3;
}
