using System.Globalization;

namespace Ike.HandshakeBench.Measurement;

/// <summary>
/// Busy and total jiffies of one CPU from /proc/stat ("cpuN user nice system idle iowait irq softirq steal ...",
/// proc(5)). Over a run, busy/total of the responder's core says whether the core was saturated, and responder CPU /
/// wall time says how much of it the responder had: the rest went to other processes on the shared machine.
/// </summary>
internal readonly record struct CoreBusy(long Busy, long Total)
{
    public static CoreBusy Read(int core)
    {
        string label = "cpu" + core.ToString(CultureInfo.InvariantCulture) + " ";
        string line = File.ReadLines("/proc/stat").First(l => l.StartsWith(label, StringComparison.Ordinal));
        long[] values = [.. line[label.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture))];
        long idle = values[3] + values[4];
        long total = values.Sum();
        return new CoreBusy(total - idle, total);
    }

    /// <summary>Percent of <paramref name="later"/> − this interval the core was busy.</summary>
    public double BusyPercentUntil(CoreBusy later) =>
        later.Total == Total ? double.NaN : 100.0 * (later.Busy - Busy) / (later.Total - Total);
}
