namespace Ike.HandshakeBench.Initiator;

/// <summary>What one phase (warm-up or measurement) of the initiator saw.</summary>
internal sealed class PhaseStats
{
    public int Started { get; set; }

    /// <summary>Handshakes whose responder AUTH (and CHILD SA, when asked for) verified.</summary>
    public int Established { get; set; }

    /// <summary>Handshakes that ended, established or not (Delete answered, failed, or timed out).</summary>
    public int Finished { get; set; }

    public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>IKE_SA_INIT request to verified IKE_AUTH response, in milliseconds.</summary>
    public List<double> EstablishMilliseconds { get; } = [];

    public int FailureCount => Failures.Values.Sum();

    public void AddFailure(string reason) => Failures[reason] = Failures.GetValueOrDefault(reason) + 1;

    public double LatencyPercentile(double fraction)
    {
        if (EstablishMilliseconds.Count == 0)
        {
            return double.NaN;
        }

        List<double> sorted = [.. EstablishMilliseconds.Order()];
        return sorted[Math.Min(sorted.Count - 1, (int)(fraction * sorted.Count))];
    }
}
