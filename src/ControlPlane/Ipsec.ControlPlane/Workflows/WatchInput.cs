namespace Ipsec.ControlPlane.Workflows;

/// <summary>The watch loop's state, carried from round to round through ContinueAsNew.</summary>
public sealed record WatchInput(string AccountId, string ConnectionId, int IntervalSeconds, int Round = 0);

public static class WatchEvents
{
    /// <summary>Raised to a watch loop to make it reconcile now (e.g. when the runtime restarted).</summary>
    public const string Wake = "wake";
}
