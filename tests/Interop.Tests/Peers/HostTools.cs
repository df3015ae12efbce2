namespace Interop.Tests.Peers;

/// <summary>Where the host programs the fixtures drive are installed (.ci/install-ike-peers.sh puts them there).</summary>
public static class HostTools
{
    /// <summary>charon stays in the foreground when started directly; Debian installs it outside PATH.</summary>
    public const string Charon = "/usr/lib/ipsec/charon";

    /// <summary>Userspace ESP over a TUN device: this kernel has no ESP (CONFIG_INET_ESP unset), see the install script.</summary>
    public const string KernelLibipsecPlugin = "/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so";

    public const string TunDevice = "/dev/net/tun";

    static readonly string[] FallbackDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Full path of a program on PATH (or the usual system directories, which a test runner's PATH may lack).</summary>
    public static string? Find(string program)
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (string directory in path.Concat(FallbackDirectories))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Require(string program) =>
        Find(program) ?? throw new InvalidOperationException($"'{program}' is not installed (run .ci/install-ike-peers.sh)");
}
