namespace Ike.Agent.Control.Views;

/// <summary>An ICMP echo through a CHILD SA: whether the reply came, its round trip, and the engine's detail.</summary>
public sealed record ProbeView(string Connection, string From, string To, bool Replied, double? RoundTripMs, string Detail);
