namespace Ike.Encoding.V1;

/// <summary>What the Message ID of a message must be (RFC 2408 §3.1).</summary>
public enum MessageIdRule
{
    Any,

    /// <summary>Phase 1 exchanges: "During Phase 1 negotiation, the value MUST be set to 0."</summary>
    Zero,

    /// <summary>Phase 2 and protected informational exchanges: a random, non-zero identifier.</summary>
    NonZero,
}

/// <summary>What the Responder Cookie of a message must be (RFC 2408 §3.1).</summary>
public enum ResponderCookieRule
{
    Any,

    /// <summary>The first message of a phase 1 exchange: the responder has not chosen its cookie yet.</summary>
    Zero,

    /// <summary>Every later message names the ISAKMP SA by both cookies.</summary>
    Present,
}

/// <summary>The shape of one message of an exchange: encryption, header rules and the payloads it may carry.</summary>
/// <param name="Encrypted">Whether the message travels with the E flag ("HDR*" in RFC 2409 §5).</param>
/// <param name="Payloads">Every payload type the message may carry, with counts; any other type is not allowed.</param>
/// <param name="Groups">Counts over several types together.</param>
/// <param name="MessageId">Rule for the Message ID.</param>
/// <param name="ResponderCookie">Rule for the Responder Cookie.</param>
/// <param name="HashFirst">HASH must be the first payload (quick mode, protected informational, new group).</param>
/// <param name="IdentitiesInPairs">Identification payloads come as IDci + IDcr or not at all (quick mode).</param>
public sealed record IsakmpMessageShape(
    bool Encrypted,
    IsakmpPayloadRule[] Payloads,
    IsakmpPayloadGroupRule[] Groups,
    MessageIdRule MessageId,
    ResponderCookieRule ResponderCookie,
    bool HashFirst = false,
    bool IdentitiesInPairs = false);
