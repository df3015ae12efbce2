namespace Ipsec.Domain;

/// <summary>A state-change event as it leaves on the events queue (PRODUCT.md section 6).</summary>
public sealed record ConnectionEvent(string ConnectionId, string AccountId, string Type, string? From, string To, string Reason, DateTimeOffset At);
