namespace Ike.Engine.Timing;

/// <summary>
/// How long a connection that negotiates immediately waits before it tries again after its peer was declared dead or a
/// try failed (PRODUCT.md §5: "with effectImmediately, negotiation is retried"). Pure, so it is tested with a table.
/// </summary>
public static class ReinitiateBackoff
{
    /// <summary>Largest random addition, as a fraction of the delay: gateways that lost the same peer do not all come
    /// back in the same second.</summary>
    public const double JitterFraction = 0.1;

    /// <summary>Wait before try <paramref name="attempt"/> + 1 (0 = the first retry): RetransmitTimeout · 2^attempt,
    /// at most <see cref="IkeTimingOptions.ReinitiateLimit"/>, plus up to 10 % (<paramref name="randomFraction"/> in [0, 1)).</summary>
    public static TimeSpan Delay(IkeTimingOptions options, int attempt, double randomFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        double seconds = options.RetransmitTimeout.TotalSeconds * Math.Pow(2, Math.Min(attempt, 30));
        double capped = Math.Min(seconds, options.ReinitiateLimit.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (1 + (JitterFraction * Math.Clamp(randomFraction, 0, 1))));
    }
}
