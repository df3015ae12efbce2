namespace Ipsec.LocalRuntime.Demo;

/// <summary>Whether this host can run strongSwan as the demo customer gateway, and where its programs are.</summary>
static class DemoHostTools
{
    /// <summary>Debian installs charon outside PATH; started directly it stays in the foreground.</summary>
    public const string Charon = "/usr/lib/ipsec/charon";

    /// <summary>This kind of kernel has no ESP (CONFIG_INET_ESP unset): charon installs CHILD SAs only through its
    /// userspace ESP plugin over a TUN device (see shared/reference/ikepeers/README.md).</summary>
    public const string KernelLibipsecPlugin = "/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so";

    const string TunDevice = "/dev/net/tun";

    static readonly string[] SystemDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>A program on PATH or in the usual system directories (a service's PATH may lack the sbin ones).</summary>
    public static string? Find(string program)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(SystemDirectories).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    /// <summary>Why strongSwan cannot play the customer here, or null when it can: charon, swanctl, the kernel-libipsec
    /// plugin and a TUN device, unshare (each charon gets a private /run for its compiled-in pid file), and root.</summary>
    public static string? StrongSwanUnavailable()
    {
        if (!OperatingSystem.IsLinux()) return "strongSwan runs as the demo customer gateway on Linux only";
        var missing = new List<string>();
        if (!File.Exists(Charon)) missing.Add($"charon ({Charon})");
        if (Find("swanctl") is null) missing.Add("swanctl");
        if (!File.Exists(KernelLibipsecPlugin)) missing.Add($"the kernel-libipsec plugin ({KernelLibipsecPlugin}, package libcharon-extra-plugins)");
        if (!File.Exists(TunDevice)) missing.Add(TunDevice);
        if (Find("unshare") is null) missing.Add("unshare");
        if (!Environment.IsPrivilegedProcess) missing.Add("root (charon binds UDP ports and creates a TUN device)");
        return missing.Count == 0 ? null : "strongSwan cannot run here: missing " + string.Join(", ", missing);
    }
}
