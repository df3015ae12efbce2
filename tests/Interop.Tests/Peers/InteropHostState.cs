using System.Globalization;

namespace Interop.Tests.Peers;

/// <summary>
/// Records everything the interop fixtures change on the host, so that what a crashed or killed test run left
/// behind (charon daemons on fixed ports, loopback addresses, the policy routing rule 220) is removed by the
/// next run instead of breaking it. Each test process owns one directory,
/// <c>/tmp/ipsec-interop/owner-PID-STARTTIME</c>; the start time tells a live owner from a recycled pid.
/// </summary>
internal static class InteropHostState
{
    public const string RootDirectory = "/tmp/ipsec-interop";
    const string OwnerPrefix = "owner-";
    const string LoopbackRecordFile = "loopback-added";
    const string Rule220RecordFile = "rule220-created";

    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? ownerDirectory;

    /// <summary>This process's state directory; the first call sweeps what dead owners left behind.</summary>
    public static async Task<string> GetOwnerDirectoryAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (ownerDirectory is not null) return ownerDirectory;
            Directory.CreateDirectory(RootDirectory);
            await SweepDeadOwnersAsync();
            int pid = Environment.ProcessId;
            ProcessStat self = LinuxProcess.ReadStat(pid)
                ?? throw new InvalidOperationException("cannot read /proc/self/stat");
            string directory = Path.Combine(RootDirectory, $"{OwnerPrefix}{pid}-{self.StartTime}");
            Directory.CreateDirectory(directory);
            ownerDirectory = directory;
            // an owner that cleaned up after itself leaves nothing; anything else waits for the next sweep
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteIfEmpty(directory);
            return directory;
        }
        finally { Gate.Release(); }
    }

    public static async Task RecordLoopbackAddressAsync(string address) =>
        await UpdateRecordAsync(LoopbackRecordFile, lines => lines.Contains(address) ? lines : [.. lines, address]);

    public static async Task ForgetLoopbackAddressAsync(string address) =>
        await UpdateRecordAsync(LoopbackRecordFile, lines => [.. lines.Where(l => l != address)]);

    public static async Task RecordRule220CreatedAsync() =>
        await UpdateRecordAsync(Rule220RecordFile, _ => ["charon of this run created rule 220"]);

    public static async Task ForgetRule220CreatedAsync() =>
        await UpdateRecordAsync(Rule220RecordFile, _ => []);

    static async Task UpdateRecordAsync(string fileName, Func<string[], string[]> update)
    {
        string path = Path.Combine(await GetOwnerDirectoryAsync(), fileName);
        await Gate.WaitAsync();
        try
        {
            string[] lines = File.Exists(path) ? await File.ReadAllLinesAsync(path) : [];
            string[] updated = update(lines);
            if (updated.Length == 0) File.Delete(path);
            else await File.WriteAllLinesAsync(path, updated);
        }
        finally { Gate.Release(); }
    }

    static async Task SweepDeadOwnersAsync()
    {
        foreach (string owner in Directory.GetDirectories(RootDirectory, OwnerPrefix + "*"))
        {
            if (IsLiveOwner(Path.GetFileName(owner))) continue;
            KillOrphanedCharons(owner);
            string loopbackRecord = Path.Combine(owner, LoopbackRecordFile);
            if (File.Exists(loopbackRecord))
                foreach (string address in await File.ReadAllLinesAsync(loopbackRecord))
                    await LoopbackAddresses.RemoveIfGlobalAsync(address);
            // the rule is shared by every charon in this network namespace: only remove it when none runs
            if (File.Exists(Path.Combine(owner, Rule220RecordFile)) && !AnyCharonRunning())
                await PolicyRoutingRule220.DeleteIfPresentAsync();
            Directory.Delete(owner, recursive: true);
        }
    }

    static void DeleteIfEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
        }
        catch (IOException) { }
    }

    static bool IsLiveOwner(string directoryName)
    {
        string[] parts = directoryName[OwnerPrefix.Length..].Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong startTime))
            return false;
        return LinuxProcess.ReadStat(pid) is { State: not 'Z' and not 'X' } stat && stat.StartTime == startTime;
    }

    /// <summary>
    /// Kills the charon of each peer directory of a dead owner. A pid is only trusted when that process's
    /// environment names the peer's own strongswan.conf: a recycled pid belongs to somebody else.
    /// </summary>
    static void KillOrphanedCharons(string owner)
    {
        foreach (string peerDirectory in Directory.GetDirectories(owner))
        {
            string pidFile = Path.Combine(peerDirectory, "run", "charon.pid");
            if (!File.Exists(pidFile)
                || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                continue;
            string marker = $"STRONGSWAN_CONF={Path.Combine(peerDirectory, StrongSwanPeer.StrongSwanConfFileName)}";
            if (LinuxProcess.IsRunning(pid) && LinuxProcess.HasEnvironmentEntry(pid, marker))
            {
                LinuxProcess.TrySignal(pid, LinuxProcess.SigKill);
                LinuxProcess.TrySignal(pid, LinuxProcess.SigCont);
            }
        }
    }

    static bool AnyCharonRunning()
    {
        foreach (string entry in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && LinuxProcess.ReadStat(pid) is { Command: "charon", State: not 'Z' and not 'X' })
                return true;
        return false;
    }
}
