namespace Ike.Encoding.V1;

/// <summary>What <see cref="IsakmpMessageCodec.Decode(ReadOnlySpan{byte}, IV1MessageProtection?, ReadOnlySpan{byte}, int?)"/> made of a datagram.</summary>
/// <remarks>
/// RFC 2408 §5.1 names the notify for each header failure; whether to send it (only under an established
/// ISAKMP SA, or never, to avoid being an amplifier) is the engine's decision. <see cref="IsakmpDecodeResult.ErrorNotify"/>
/// gives the type.
/// </remarks>
public enum IsakmpDecodeStatus
{
    /// <summary>A well-formed message (that satisfies <see cref="IsakmpMessageRules"/> when a message number was given).</summary>
    Ok,

    /// <summary>Bytes break an encoding rule. For an encrypted message this is also what a wrong key looks like.</summary>
    Malformed,

    /// <summary>The E flag is set but no protection was supplied (no keys yet, or unknown SA).</summary>
    NeedsProtection,

    /// <summary>Major version is not 1 (INVALID-MAJOR-VERSION, RFC 2408 §5.1); an IKEv2 datagram lands here.</summary>
    InvalidMajorVersion,

    /// <summary>Minor version is not 0 (INVALID-MINOR-VERSION, RFC 2408 §5.1).</summary>
    InvalidMinorVersion,

    /// <summary>An exchange type this codec does not know (INVALID-EXCHANGE-TYPE, RFC 2408 §5.1).</summary>
    InvalidExchangeType,

    /// <summary>A payload type from the reserved range, or Proposal/Transform outside an SA (INVALID-PAYLOAD-TYPE, RFC 2408 §5.1).</summary>
    InvalidPayloadType,

    /// <summary>Well-formed, but the payloads do not fit the exchange and message number: see <see cref="IsakmpRuleViolation"/>.</summary>
    RuleViolation,
}
