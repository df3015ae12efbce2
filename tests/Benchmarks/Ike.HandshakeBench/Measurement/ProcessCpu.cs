using System.Globalization;
using System.Runtime.InteropServices;

namespace Ike.HandshakeBench.Measurement;

/// <summary>
/// A process's CPU time as the kernel accounts it: utime + stime from /proc/PID/stat (proc(5) fields 14 and 15), which
/// cover every thread of the process, those that already exited included. Clock ticks are converted with
/// sysconf(_SC_CLK_TCK) (normally 100 Hz, i.e. 10 ms resolution, well below a run's several seconds).
/// </summary>
internal static partial class ProcessCpu
{
    private const int ScClockTicks = 2; // _SC_CLK_TCK in glibc's <bits/confname.h>

    private static readonly double MillisecondsPerTick = 1000.0 / Sysconf(ScClockTicks);

    /// <summary>CPU milliseconds used so far by process <paramref name="pid"/> (user + system).</summary>
    public static double Milliseconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        // comm (field 2) is in parentheses and may contain spaces: count fields after the last ')'
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long utime = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return (utime + stime) * MillisecondsPerTick;
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long Sysconf(int name);
}
