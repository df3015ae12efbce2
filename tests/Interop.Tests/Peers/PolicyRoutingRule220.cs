namespace Interop.Tests.Peers;

/// <summary>
/// charon's kernel-netlink plugin adds the policy routing rule "220: from all lookup 220" (routes of installed
/// CHILD_SAs live in table 220) and removes it on a clean shutdown only: a SIGKILLed charon leaves it behind.
/// This tracks the charons this process runs in the host network namespace and removes the rule after the last
/// one stopped, when it was not there before the first one started.
/// </summary>
internal static class PolicyRoutingRule220
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static int runningCharons;
    static bool existedBeforeFirstCharon;

    /// <summary>Before a charon starts.</summary>
    public static async Task AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (runningCharons == 0)
            {
                existedBeforeFirstCharon = await ExistsAsync();
                if (!existedBeforeFirstCharon) await InteropHostState.RecordRule220CreatedAsync();
            }
            runningCharons++;
        }
        finally { Gate.Release(); }
    }

    /// <summary>After a charon stopped (cleanly or not).</summary>
    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (runningCharons == 0) return;
            if (--runningCharons > 0 || existedBeforeFirstCharon) return;
            await DeleteIfPresentAsync();
            await InteropHostState.ForgetRule220CreatedAsync();
        }
        finally { Gate.Release(); }
    }

    public static async Task DeleteIfPresentAsync()
    {
        string ip = HostTools.Require("ip");
        foreach (string family in new[] { "-4", "-6" })
        {
            CommandResult rules = await ExternalCommand.RunAsync(ip, [family, "rule", "show"], TimeSpan.FromSeconds(10));
            if (rules.StandardOutput.Contains("lookup 220", StringComparison.Ordinal))
                await ExternalCommand.RunAsync(ip, [family, "rule", "del", "pref", "220", "lookup", "220"], TimeSpan.FromSeconds(10));
        }
    }

    static async Task<bool> ExistsAsync()
    {
        string ip = HostTools.Require("ip");
        CommandResult rules = await ExternalCommand.RunCheckedAsync(ip, ["-4", "rule", "show"], TimeSpan.FromSeconds(10));
        return rules.StandardOutput.Contains("lookup 220", StringComparison.Ordinal);
    }
}
