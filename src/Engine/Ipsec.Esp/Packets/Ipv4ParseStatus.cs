namespace Ipsec.Esp.Packets;

/// <summary>Why bytes are not an IPv4 packet we can use, or <see cref="Success"/>.</summary>
public enum Ipv4ParseStatus
{
    Success,

    /// <summary>Shorter than the 20-byte minimum header or than its own IHL.</summary>
    TooShort,

    /// <summary>Version field is not 4.</summary>
    NotIpv4,

    /// <summary>IHL below 5 words (RFC 791 §3.1).</summary>
    BadHeaderLength,

    /// <summary>Total Length below the header length or beyond the bytes received.</summary>
    BadTotalLength,

    /// <summary>Header checksum does not verify (RFC 791 §3.1).</summary>
    BadChecksum,

    /// <summary>A fragment (MF set or non-zero offset): not reassembled here.</summary>
    Fragment,
}
