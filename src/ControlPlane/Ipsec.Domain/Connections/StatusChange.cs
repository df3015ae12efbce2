namespace Ipsec.Domain;

/// <summary>One recorded change of a connection's state, with when and why (PRODUCT.md section 4).</summary>
public sealed record StatusChange(string Field, string? From, string To, string Reason, DateTimeOffset At);
