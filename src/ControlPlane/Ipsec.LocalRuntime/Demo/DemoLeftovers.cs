using System.Globalization;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// A runtime that was killed (SIGKILL, power) could not stop its demo charon. Each runtime keeps its demo state under
/// <c>{StateRoot}/{its pid}/</c>; at startup the folders of runtimes that no longer run are swept: a charon recorded
/// there is killed only when its environment proves it is that folder's charon (pids are reused), then the folder,
/// which holds a PSK, is removed. Loopback addresses such a runtime added stay: nothing records who added them.
/// </summary>
static class DemoLeftovers
{
    const int SigKill = 9;

    /// <summary>This runtime's own folder under <paramref name="stateRoot"/>.</summary>
    public static string OwnFolder(string stateRoot) => Path.Combine(stateRoot, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Sweeps the folders of runtimes that no longer run; returns the pids of the charons it killed.</summary>
    public static IReadOnlyList<int> Sweep(string stateRoot)
    {
        var killed = new List<int>();
        if (!Directory.Exists(stateRoot)) return killed;
        foreach (string runtime in Directory.GetDirectories(stateRoot))
        {
            if (!int.TryParse(Path.GetFileName(runtime), NumberStyles.None, CultureInfo.InvariantCulture, out int owner)
                || owner == Environment.ProcessId || Directory.Exists($"/proc/{owner}")) continue;
            foreach (string peer in Directory.GetDirectories(runtime))
                if (KillRecordedCharon(peer) is int pid) killed.Add(pid);
            try { Directory.Delete(runtime, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return killed;
    }

    static int? KillRecordedCharon(string peerFolder)
    {
        string pidFile = Path.Combine(peerFolder, "run", "charon.pid");
        try
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return null;
            string mine = $"STRONGSWAN_CONF={Path.Combine(peerFolder, "strongswan.conf")}";
            if (!File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(mine, StringComparer.Ordinal)) return null;
            return SendSignal(pid, SigKill) == 0 ? pid : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SendSignal(int pid, int signal);
}
