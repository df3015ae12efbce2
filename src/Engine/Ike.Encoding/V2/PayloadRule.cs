namespace Ike.Encoding.V2;

/// <summary>How often a payload type may appear in one kind of message, and whether it must be inside SK.</summary>
/// <param name="Type">The payload type.</param>
/// <param name="Min">Fewest occurrences (not enforced when an error notify relaxes the rules).</param>
/// <param name="Max">Most occurrences.</param>
/// <param name="Encrypted">True: only inside SK. False: only outside SK (IKE_SA_INIT has no keys yet).</param>
public readonly record struct PayloadRule(PayloadType Type, int Min, int Max, bool Encrypted);
