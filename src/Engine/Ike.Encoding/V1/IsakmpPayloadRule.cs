namespace Ike.Encoding.V1;

/// <summary>How often one payload type may appear in one message of an exchange.</summary>
/// <param name="Type">The payload type (draft NAT-T numbers count as their RFC 3947 types).</param>
/// <param name="Min">Fewest occurrences.</param>
/// <param name="Max">Most occurrences.</param>
public readonly record struct IsakmpPayloadRule(IsakmpPayloadType Type, int Min, int Max);

/// <summary>How many payloads out of a group of types a message carries together (e.g. exactly one of HASH and SIG).</summary>
/// <param name="Types">The group; the first one is named in a violation.</param>
/// <param name="Min">Fewest occurrences of any of them together.</param>
/// <param name="Max">Most occurrences of any of them together.</param>
public sealed record IsakmpPayloadGroupRule(IsakmpPayloadType[] Types, int Min, int Max);
