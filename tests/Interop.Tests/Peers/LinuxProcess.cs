using System.Globalization;
using System.Runtime.InteropServices;

namespace Interop.Tests.Peers;

/// <summary>
/// The few Linux process operations .NET does not offer: sending an arbitrary signal (SIGTERM, SIGSTOP, SIGCONT)
/// and reading a process's identity from /proc, by pid only (never by name: other people's daemons run here too).
/// </summary>
internal static class LinuxProcess
{
    // Signal numbers of Linux on x86-64 and arm64 (asm-generic/signal.h).
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SysKill(int pid, int signal);

    /// <summary>Sends a signal; false when the process no longer exists.</summary>
    public static bool TrySignal(int pid, int signal) => pid > 0 && SysKill(pid, signal) == 0;

    /// <summary>
    /// The command name, state letter and start time (clock ticks since boot) of a process, or null when there is
    /// none. A zombie ('Z') has exited but was not reaped yet; orphans linger like that where PID 1 does not reap,
    /// so liveness is decided from this state, not from kill(pid, 0).
    /// </summary>
    public static ProcessStat? ReadStat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // "pid (comm) S ppid ...": comm may itself contain spaces and parentheses, so split at the last ')'
        int open = text.IndexOf('('), close = text.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        string[] rest = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state); starttime is field 22 (proc(5))
        if (rest.Length < 20 || rest[0].Length != 1) return null;
        if (!ulong.TryParse(rest[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong startTime)) return null;
        return new ProcessStat(pid, text[(open + 1)..close], rest[0][0], startTime);
    }

    public static bool IsRunning(int pid) => ReadStat(pid) is { State: not 'Z' and not 'X' };

    /// <summary>Whether the process's environment holds exactly this NAME=value entry (root can read any).</summary>
    public static bool HasEnvironmentEntry(int pid, string entry)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(entry, StringComparer.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}

internal sealed record ProcessStat(int Pid, string Command, char State, ulong StartTime);
