namespace Ipsec.ControlPlane.Workflows;

/// <summary>How often a watch loop reconciles when nothing wakes it (configuration <c>Watch:IntervalSeconds</c>,
/// default 300). Every round costs a few storage transactions, independent of DPD and probe rates.</summary>
public sealed record WatchSettings(int IntervalSeconds);
