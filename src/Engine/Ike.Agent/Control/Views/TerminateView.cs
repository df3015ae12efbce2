namespace Ike.Agent.Control.Views;

/// <summary>The connection whose IKE SA (and CHILD SAs) a <c>terminate</c> deleted.</summary>
public sealed record TerminateView(string Connection);
