namespace Ike.Engine.Timing;

/// <summary>When an SA is rekeyed: before its lifetime ends, with a random part so the two ends rarely start together
/// (RFC 7296 §2.8: "the responder SHOULD ... randomize" / §2.8.1 collisions). Pure: the random fraction is passed in.</summary>
public static class RekeySchedule
{
    /// <summary>lifetime · (1 − margin − jitter · <paramref name="randomFraction"/>), with <paramref name="randomFraction"/> in [0, 1).</summary>
    public static TimeSpan RekeyAfter(TimeSpan lifetime, IkeTimingOptions options, double randomFraction)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "lifetimes are positive");
        }

        double fraction = 1 - options.RekeyMarginFraction - (options.RekeyJitterFraction * Math.Clamp(randomFraction, 0, 1));
        return TimeSpan.FromTicks((long)(lifetime.Ticks * Math.Max(fraction, 0.05)));
    }
}
