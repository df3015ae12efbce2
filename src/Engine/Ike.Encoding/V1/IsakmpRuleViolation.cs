namespace Ike.Encoding.V1;

/// <summary>Which exchange-shape rule an ISAKMP message broke.</summary>
public enum IsakmpRuleViolationKind
{
    /// <summary>No rules exist for this exchange type (Base and Authentication Only are not implemented).</summary>
    UnknownExchangeType,

    /// <summary>The exchange has no message with this number (main mode has six, aggressive and quick mode three).</summary>
    UnknownMessageNumber,

    /// <summary>This message must travel with the E flag (RFC 2409 §5: "HDR*").</summary>
    MessageMustBeEncrypted,

    /// <summary>This message is sent before keys exist and must be in clear.</summary>
    MessageMustNotBeEncrypted,

    /// <summary>Phase 1 messages carry Message ID 0 (RFC 2408 §3.1).</summary>
    MessageIdMustBeZero,

    /// <summary>Phase 2 and protected informational exchanges are named by a non-zero M-ID (RFC 2409 §5.5, §5.7).</summary>
    MessageIdMustNotBeZero,

    /// <summary>The first message of a phase 1 exchange has no responder cookie yet (RFC 2408 §3.1).</summary>
    ResponderCookieMustBeZero,

    /// <summary>Every later message carries both cookies.</summary>
    ResponderCookieMissing,

    /// <summary>"HASH(1) ... MUST immediately follow the ISAKMP header" (RFC 2409 §5.5; also §5.7 and §6).</summary>
    HashMustBeFirst,

    PayloadNotAllowed,

    MissingPayload,

    TooManyPayloads,

    /// <summary>Quick mode identities come as IDci then IDcr, or not at all (RFC 2409 §5.5).</summary>
    IdentitiesMustBePaired,
}

/// <summary>A broken exchange-shape rule and the payload type it concerns.</summary>
public sealed record IsakmpRuleViolation(IsakmpRuleViolationKind Kind, IsakmpPayloadType? PayloadType = null)
{
    public override string ToString() => PayloadType is null ? Kind.ToString() : $"{Kind}({PayloadType})";
}
