namespace Ike.Agent.Control.Views;

/// <summary>The first line of a <c>watch</c>: from here on the agent sends one event line per engine event.</summary>
public sealed record WatchStartedView(bool Watching);
