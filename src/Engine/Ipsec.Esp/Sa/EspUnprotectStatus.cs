namespace Ipsec.Esp.Sa;

/// <summary>Why an inbound ESP packet was dropped, or <see cref="Success"/>. Every failure means: drop the packet.</summary>
public enum EspUnprotectStatus
{
    Success,

    /// <summary>Too short for header, IV, one block and ICV, or the ciphertext is not whole blocks (RFC 4303 §2, §3.4.2).</summary>
    Malformed,

    /// <summary>The SPI is not this SA's (RFC 4303 §3.4.2).</summary>
    UnknownSpi,

    /// <summary>Sequence number 0, which no sender uses (RFC 4303 §3.3.3).</summary>
    InvalidSequenceNumber,

    /// <summary>Sequence number already received (RFC 4303 §3.4.3).</summary>
    Replayed,

    /// <summary>Sequence number left of the replay window (RFC 4303 §3.4.3).</summary>
    OutsideReplayWindow,

    /// <summary>The ICV does not match: forged or damaged, nothing was decrypted (RFC 4303 §3.4.4.1).</summary>
    IntegrityCheckFailed,

    /// <summary>Authentic but the trailer is wrong: Pad Length beyond the payload, or padding bytes not 1, 2, 3...
    /// (RFC 4303 §2.4).</summary>
    BadPadding,

    /// <summary>Authentic dummy packet, Next Header 59: discarded by design (RFC 4303 §2.6).</summary>
    DummyPacket,
}
