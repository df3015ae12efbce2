namespace Ike.Engine.Health;

public enum HealthState { Unknown, Healthy, Unhealthy }

/// <summary>
/// The health check's rule (PRODUCT.md section 5): after <see cref="Retry"/> failed probes in a row the connection is
/// unhealthy; one answered probe makes it healthy again. Pure, so the rule is tested with tables; only transitions are
/// reported, so the control plane writes nothing while the state holds.
/// </summary>
public sealed class HealthCheckTracker(int retry)
{
    public int Retry { get; } = retry > 0 ? retry : throw new ArgumentOutOfRangeException(nameof(retry));
    public HealthState State { get; private set; } = HealthState.Unknown;
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Feeds one probe outcome; returns the new state when it changed, otherwise null.</summary>
    public HealthState? Record(bool replied)
    {
        if (replied)
        {
            ConsecutiveFailures = 0;
            return Move(HealthState.Healthy);
        }
        ConsecutiveFailures++;
        return ConsecutiveFailures >= Retry ? Move(HealthState.Unhealthy) : null;
    }

    HealthState? Move(HealthState next)
    {
        if (State == next) return null;
        State = next;
        return next;
    }
}
