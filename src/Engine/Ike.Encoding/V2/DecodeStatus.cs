namespace Ike.Encoding.V2;

/// <summary>What <see cref="IkeMessageCodec.Decode"/> made of a datagram, and so what the engine should do.</summary>
public enum DecodeStatus
{
    /// <summary>A well-formed message that satisfies <see cref="MessageRules"/>.</summary>
    Ok,

    /// <summary>Bytes break an RFC 7296 encoding rule (answer INVALID_SYNTAX if authenticated, else drop, §2.21.2).</summary>
    Malformed,

    /// <summary>A payload of a type we do not understand has the critical bit set (answer UNSUPPORTED_CRITICAL_PAYLOAD, §2.5).</summary>
    UnsupportedCriticalPayload,

    /// <summary>The ICV of the SK payload did not verify: drop silently (§2.21.2), the content was never decrypted.</summary>
    IntegrityCheckFailed,

    /// <summary>The message has an SK payload but no protection was supplied (no keys yet, or unknown SA).</summary>
    NeedsProtection,

    /// <summary>Major version is not 2 (a higher one is answered with INVALID_MAJOR_VERSION, §2.5).</summary>
    InvalidMajorVersion,

    /// <summary>Well-formed, but the payloads do not fit the exchange (§1.2–§1.5): see <see cref="MessageRuleViolation"/>.</summary>
    RuleViolation,
}
