namespace Ike.Engine.Timing;

/// <summary>The retransmission schedule (RFC 7296 §2.1, §2.4), pure so it can be tested with a table.</summary>
public static class Retransmission
{
    /// <summary>Wait before retransmission number <paramref name="attempt"/> + 1 (attempt 0 is the first send):
    /// timeout · base^attempt, capped at <see cref="IkeTimingOptions.RetransmitLimit"/>.</summary>
    public static TimeSpan Delay(IkeTimingOptions options, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        double seconds = options.RetransmitTimeout.TotalSeconds * Math.Pow(options.RetransmitBase, attempt);
        return seconds >= options.RetransmitLimit.TotalSeconds ? options.RetransmitLimit : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Total time from the first send until the exchange is declared failed (all tries and the last wait).</summary>
    public static TimeSpan GiveUpAfter(IkeTimingOptions options)
    {
        TimeSpan total = TimeSpan.Zero;
        for (int attempt = 0; attempt <= options.RetransmitTries; attempt++)
        {
            total += Delay(options, attempt);
        }

        return total;
    }

    /// <summary>
    /// A schedule that fits a deadline, for liveness checks: DPD says the peer is dead when no answer arrives within its
    /// configured timeout, retransmissions included (PRODUCT.md §5). Keeps the configured shape and shrinks the first
    /// timeout until the whole schedule ends by <paramref name="deadline"/>.
    /// </summary>
    public static IkeTimingOptions FitInto(IkeTimingOptions options, TimeSpan deadline)
    {
        TimeSpan natural = GiveUpAfter(options);
        if (natural <= deadline)
        {
            return options;
        }

        double scale = deadline.TotalSeconds / natural.TotalSeconds;
        return options with
        {
            RetransmitTimeout = TimeSpan.FromSeconds(options.RetransmitTimeout.TotalSeconds * scale),
            RetransmitLimit = TimeSpan.FromSeconds(Math.Max(options.RetransmitLimit.TotalSeconds * scale, 0.001)),
        };
    }
}
