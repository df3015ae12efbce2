using Ike.Engine.Timing;

namespace Ike.Engine.Tests.Timing;

/// <summary>The retransmission schedule (RFC 7296 §2.1, §2.4) and rekey times, as pure functions.</summary>
public sealed class TimingTests
{
    static readonly IkeTimingOptions Options = new() { RetransmitTimeout = TimeSpan.FromSeconds(2), RetransmitBase = 2, RetransmitTries = 3, RetransmitLimit = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 10)] // capped
    public void Delay_GrowsExponentially_UpToTheLimit(int attempt, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Retransmission.Delay(Options, attempt));

    [Fact]
    public void GiveUpAfter_SumsEveryWait() => Assert.Equal(TimeSpan.FromSeconds(2 + 4 + 8 + 10), Retransmission.GiveUpAfter(Options));

    [Fact]
    public void FitInto_ShrinksTheScheduleToTheDpdTimeout()
    {
        IkeTimingOptions fitted = Retransmission.FitInto(Options, TimeSpan.FromSeconds(12));

        Assert.True(Retransmission.GiveUpAfter(fitted) <= TimeSpan.FromSeconds(12.001));
        Assert.Equal(Options.RetransmitTries, fitted.RetransmitTries);
    }

    [Theory]
    [InlineData(0.0, 90)]
    [InlineData(0.5, 87.5)]
    [InlineData(0.999999, 85)]
    public void RekeyAfter_IsBeforeTheLifetime_MinusRandomJitter(double random, double expectedMinutes)
    {
        TimeSpan rekey = RekeySchedule.RekeyAfter(TimeSpan.FromMinutes(100), new IkeTimingOptions(), random);

        Assert.Equal(expectedMinutes, rekey.TotalMinutes, precision: 3);
    }

    [Theory]
    [InlineData(0, 0.0, 2)]
    [InlineData(1, 0.0, 4)]
    [InlineData(3, 0.0, 16)]
    [InlineData(3, 0.5, 16.8)] // up to 10 % jitter
    [InlineData(6, 0.0, 100)] // capped at ReinitiateLimit
    [InlineData(400, 0.0, 100)] // no overflow however long the peer stays away
    public void ReinitiateBackoff_DoublesFromTheRetransmitTimeout_UpToTheLimit(int attempt, double random, double seconds) =>
        Assert.Equal(seconds, ReinitiateBackoff.Delay(Options with { ReinitiateLimit = TimeSpan.FromSeconds(100) }, attempt, random).TotalSeconds, precision: 6);

    [Theory]
    [InlineData(0, true, 20)]    // nothing sent for a whole interval: keepalive now, next check a full interval later
    [InlineData(5, true, 20)]    // longer than that: still one keepalive
    [InlineData(-8, false, 8)]   // sent 12 s ago: no keepalive, look again when the 20 s of quiet would be complete
    [InlineData(-20, false, 20)] // just sent: nothing for another full interval
    public void NatKeepalive_OnlyAfterAWholeIntervalWithoutOutboundTraffic(int secondsPastInterval, bool send, int nextSeconds)
    {
        var interval = TimeSpan.FromSeconds(20);
        var now = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        var (sendNow, next) = NatKeepaliveSchedule.Decide(now, now - interval - TimeSpan.FromSeconds(secondsPastInterval), interval);
        Assert.Equal(send, sendNow);
        Assert.Equal(TimeSpan.FromSeconds(nextSeconds), next);
    }
}
