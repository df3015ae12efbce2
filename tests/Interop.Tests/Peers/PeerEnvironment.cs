using Xunit;

namespace Interop.Tests.Peers;

/// <summary>
/// Decides whether real IKE peers can run here. Locally a missing prerequisite skips the interop tests; in CI
/// (CI=true) it fails them, because interop that silently stops running is worse than a red build.
/// </summary>
public static class PeerEnvironment
{
    const string InstallHint = "install with: sudo bash .ci/install-ike-peers.sh";

    /// <summary>Call first in every interop test (they are [SkippableFact]s).</summary>
    public static void SkipUnlessAvailable() =>
        Enforce(FindMissingRequirements(), IsContinuousIntegration(Environment.GetEnvironmentVariable("CI")));

    /// <summary>Every reason a peer cannot start here; empty when all is in place.</summary>
    public static IReadOnlyList<string> FindMissingRequirements()
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux()) { missing.Add("not Linux"); return missing; }
        // charon needs CAP_NET_ADMIN (sockets on any port, TUN, routes) and unshare needs CAP_SYS_ADMIN
        if (!Environment.IsPrivilegedProcess) missing.Add("not running as root");
        if (!File.Exists(HostTools.Charon)) missing.Add($"{HostTools.Charon} is missing (strongswan-charon)");
        if (HostTools.Find("swanctl") is null) missing.Add("swanctl is missing (strongswan-swanctl)");
        if (!File.Exists(HostTools.KernelLibipsecPlugin)) missing.Add("the kernel-libipsec plugin is missing (libcharon-extra-plugins)");
        if (!File.Exists(HostTools.TunDevice)) missing.Add($"{HostTools.TunDevice} is missing (kernel-libipsec needs TUN)");
        foreach (string tool in new[] { "ip", "unshare", "mount", "sh" })
            if (HostTools.Find(tool) is null) missing.Add($"'{tool}' is missing");
        return missing;
    }

    /// <summary>CI runners set CI=true (GitHub Actions, GitLab, and this repository's .ci/run).</summary>
    public static bool IsContinuousIntegration(string? ciVariable) =>
        string.Equals(ciVariable?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (locally) or fails (in CI) when anything is missing; does nothing otherwise.</summary>
    public static void Enforce(IReadOnlyList<string> missing, bool isContinuousIntegration)
    {
        if (missing.Count == 0) return;
        string reason = $"real IKE peers unavailable: {string.Join("; ", missing)} ({InstallHint})";
        if (isContinuousIntegration)
            throw new PeerEnvironmentUnavailableException($"CI=true, so interop tests must run: {reason}");
        throw new SkipException(reason);
    }
}

/// <summary>Fails an interop test in CI when the peers it needs cannot run.</summary>
public sealed class PeerEnvironmentUnavailableException(string message) : Exception(message);
