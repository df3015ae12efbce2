using Ipsec.Esp.Sa;

namespace Ipsec.Esp.Tests.Sa;

public class ReplayWindowTests
{
    // Each case: sequence numbers accepted (authentic packets) in order, then the one under test and the verdict.
    [Theory]
    [InlineData("in order", new uint[] { 1, 2, 3 }, 4u, ReplayCheck.Accepted)]
    [InlineData("first packet", new uint[0], 1u, ReplayCheck.Accepted)]
    [InlineData("duplicate of the highest", new uint[] { 1, 2, 3 }, 3u, ReplayCheck.Duplicate)]
    [InlineData("duplicate inside the window", new uint[] { 1, 2, 3, 10 }, 2u, ReplayCheck.Duplicate)]
    [InlineData("late but new inside the window", new uint[] { 1, 2, 3, 10 }, 5u, ReplayCheck.Accepted)]
    [InlineData("oldest position of the window", new uint[] { 100 }, 37u, ReplayCheck.Accepted)]
    [InlineData("just left of the window", new uint[] { 100 }, 36u, ReplayCheck.TooOld)]
    [InlineData("too old", new uint[] { 1, 1000 }, 900u, ReplayCheck.TooOld)]
    [InlineData("far ahead", new uint[] { 1, 2 }, 1_000_000u, ReplayCheck.Accepted)]
    [InlineData("zero is never valid", new uint[0], 0u, ReplayCheck.Zero)]
    [InlineData("zero after traffic", new uint[] { 1, 2 }, 0u, ReplayCheck.Zero)]
    [InlineData("top of the sequence space", new uint[] { uint.MaxValue - 1 }, uint.MaxValue, ReplayCheck.Accepted)]
    [InlineData("duplicate at the top", new uint[] { uint.MaxValue }, uint.MaxValue, ReplayCheck.Duplicate)]
    [InlineData("old at the top", new uint[] { uint.MaxValue }, uint.MaxValue - 64, ReplayCheck.TooOld)]
    public void Verdicts(string name, uint[] accepted, uint sequence, ReplayCheck expected)
    {
        _ = name;
        var window = new ReplayWindow();
        foreach (var s in accepted)
        {
            Assert.Equal(ReplayCheck.Accepted, window.Accept(s));
        }

        Assert.Equal(expected, window.Check(sequence));
        Assert.Equal(expected, window.Accept(sequence));
    }

    [Fact]
    public void Check_does_not_move_the_window()
    {
        var window = new ReplayWindow();
        window.Accept(5);

        Assert.Equal(ReplayCheck.Accepted, window.Check(1000));
        Assert.Equal(5u, window.Highest);
        Assert.Equal(ReplayCheck.Accepted, window.Check(4));
        Assert.Equal(ReplayCheck.Accepted, window.Accept(4));
        Assert.Equal(ReplayCheck.Duplicate, window.Check(4));
    }

    [Fact]
    public void Ring_wraps_many_times_without_stale_bits()
    {
        // Blocks are reused as the window slides; a bit left from an earlier lap would make a new number look replayed.
        var window = new ReplayWindow(128);
        for (uint s = 1; s <= 5000; s += 3)
        {
            Assert.Equal(ReplayCheck.Accepted, window.Accept(s));
        }

        // Numbers skipped inside the current window are new; those received are duplicates.
        var highest = window.Highest;
        Assert.Equal(ReplayCheck.Accepted, window.Check(highest - 1));
        Assert.Equal(ReplayCheck.Duplicate, window.Check(highest - 3));
        Assert.Equal(ReplayCheck.TooOld, window.Check(highest - 128));
    }

    [Fact]
    public void Jump_by_exactly_the_ring_then_late_arrivals()
    {
        var window = new ReplayWindow(64);
        window.Accept(1);
        window.Accept(64);
        window.Accept(192); // two blocks on: the block that held 64 is reused for 128-191

        Assert.Equal(ReplayCheck.TooOld, window.Check(64));
        Assert.Equal(ReplayCheck.Accepted, window.Check(129));
        Assert.Equal(ReplayCheck.Accepted, window.Accept(150));
        Assert.Equal(ReplayCheck.Duplicate, window.Check(150));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(100)]
    public void Size_must_be_whole_blocks(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayWindow(size));
}
