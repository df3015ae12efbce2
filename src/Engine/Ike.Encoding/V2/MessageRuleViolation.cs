namespace Ike.Encoding.V2;

/// <summary>Which exchange-shape rule a message broke.</summary>
public enum MessageRuleViolationKind
{
    /// <summary>No rules exist for this exchange type (not one of IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL).</summary>
    UnknownExchangeType,

    /// <summary>IKE_AUTH, CREATE_CHILD_SA and INFORMATIONAL are always protected by SK (§1.2–§1.4).</summary>
    MessageMustBeProtected,

    /// <summary>The payload type does not belong in this message.</summary>
    PayloadNotAllowed,

    MissingPayload,

    TooManyPayloads,

    /// <summary>The payload appeared in clear but must be inside SK.</summary>
    PayloadMustBeEncrypted,

    /// <summary>The payload appeared inside SK but must be in clear (or SK appeared in IKE_SA_INIT).</summary>
    PayloadMustNotBeEncrypted,

    /// <summary>Payloads that only make sense together (SA, TSi, TSr for a CHILD SA) appeared partly.</summary>
    PayloadsMustAppearTogether,
}

/// <summary>A broken exchange-shape rule and the payload type it concerns.</summary>
public sealed record MessageRuleViolation(MessageRuleViolationKind Kind, PayloadType? PayloadType = null)
{
    public override string ToString() => PayloadType is null ? Kind.ToString() : $"{Kind}({PayloadType})";
}
