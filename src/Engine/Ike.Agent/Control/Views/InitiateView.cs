namespace Ike.Agent.Control.Views;

/// <summary>The end of an <c>initiate</c>: the CHILD SA is up, or the diagnostic of why not.</summary>
public sealed record InitiateView(string Connection, bool Established, DiagnosticView? Failure);
