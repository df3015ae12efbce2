using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Interop.Tests.Peers;

/// <summary>
/// One Libreswan 4.10 <c>pluto</c> as an IKE peer (unpacked in /opt/libreswan, see ../shared/reference/ikepeers), driven
/// with <c>whack</c> over its own control socket. pluto execs the compiled-in /usr/libexec/ipsec/addconn, so it runs
/// in a private mount namespace with Libreswan's libexec directory bind-mounted there; its state (NSS database,
/// control socket, pid file, log) lives in a private directory. It listens on 500/4500 of its own loopback address.
/// This kernel has no ESP, so pluto negotiates ISAKMP SAs but cannot install IPsec SAs. Dispose it (await using): that
/// stops pluto and removes the IPv6 neighbour-discovery bypass XFRM policies it leaves behind (when it added them).
/// </summary>
public sealed class LibreswanPeer : IAsyncDisposable
{
    public const string LibexecDirectory = "/opt/libreswan/usr/libexec/ipsec";
    static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);
    static int instanceCounter;

    readonly bool ndBypassPreexisted;
    Process? process;
    bool disposed;

    LibreswanPeer(string stateDirectory, bool ndBypassPreexisted)
    {
        StateDirectory = stateDirectory;
        this.ndBypassPreexisted = ndBypassPreexisted;
    }

    public string StateDirectory { get; }

    public string ControlSocket => Path.Combine(StateDirectory, "run", "pluto.ctl");

    public string LogPath => Path.Combine(StateDirectory, "pluto.log");

    /// <summary>True when Libreswan is unpacked where the reference lab puts it (the interop environment check covers strongSwan only).</summary>
    public static bool IsAvailable => File.Exists(Path.Combine(LibexecDirectory, "pluto")) && HostTools.Find("certutil") is not null;

    /// <summary>
    /// Starts pluto with <paramref name="connections"/> (ipsec.conf <c>conn</c> sections) listening on
    /// <paramref name="listenAddress"/>, and <paramref name="secrets"/> (ipsec.secrets lines).
    /// </summary>
    public static async Task<LibreswanPeer> StartAsync(string listenAddress, string connections, string secrets)
    {
        string owner = await InteropHostState.GetOwnerDirectoryAsync();
        string state = Path.Combine(owner, $"pluto-{Interlocked.Increment(ref instanceCounter).ToString(CultureInfo.InvariantCulture)}");
        foreach (string sub in new[] { "run", "nss", "ipsec.d" })
            Directory.CreateDirectory(Path.Combine(state, sub));
        bool preexisting = (await ExternalCommand.RunAsync(HostTools.Require("ip"), ["xfrm", "policy"], CommandTimeout))
            .StandardOutput.Contains("proto ipv6-icmp type 135", StringComparison.Ordinal);
        var peer = new LibreswanPeer(state, preexisting);
        try
        {
            await peer.LaunchAsync(listenAddress, connections, secrets);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>whack with the given arguments against this pluto.</summary>
    public Task<CommandResult> WhackAsync(params string[] arguments) =>
        ExternalCommand.RunAsync(Path.Combine(LibexecDirectory, "whack"), ["--ctlsocket", ControlSocket, .. arguments], CommandTimeout);

    /// <summary>pluto's state list (<c>whack --showstates</c>).</summary>
    public async Task<string> ShowStatesAsync() => (await WhackAsync("--showstates")).StandardOutput;

    public string ReadLog()
    {
        if (!File.Exists(LogPath)) return "";
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public string Describe(int lines = 60)
    {
        string[] log = ReadLog().Split('\n');
        return $"--- pluto ({StateDirectory}) log tail:\n{string.Join('\n', log.Skip(Math.Max(0, log.Length - lines)))}";
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        if (process is { HasExited: false })
        {
            LinuxProcess.TrySignal(process.Id, LinuxProcess.SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        process?.Dispose();
        if (!ndBypassPreexisted)
        {
            // pluto installs ipv6-icmp type 135/136 bypass policies and does not remove them on exit
            foreach (string type in new[] { "135", "136" })
                foreach (string direction in new[] { "out", "fwd", "in" })
                    await ExternalCommand.RunAsync(HostTools.Require("ip"),
                        ["xfrm", "policy", "delete", "dir", direction, "src", "::/0", "dst", "::/0", "proto", "ipv6-icmp", "type", type], CommandTimeout);
        }

        if (Environment.GetEnvironmentVariable("INTEROP_KEEP_PEER_STATE") != "1" && Directory.Exists(StateDirectory))
            Directory.Delete(StateDirectory, recursive: true);
    }

    async Task LaunchAsync(string listenAddress, string connections, string secrets)
    {
        string conf = Path.Combine(StateDirectory, "ipsec.conf");
        string secretsFile = Path.Combine(StateDirectory, "ipsec.secrets");
        await File.WriteAllTextAsync(conf, $"""
            config setup
                listen={listenAddress}
                logfile={LogPath}
                logtime=yes
                logappend=no
                plutodebug=none
                ikev1-policy=accept

            {connections}
            """);
        await File.WriteAllTextAsync(secretsFile, secrets);
        await ExternalCommand.RunCheckedAsync(HostTools.Require("certutil"), ["-N", "-d", $"sql:{Path.Combine(StateDirectory, "nss")}", "--empty-password"], CommandTimeout);

        var startInfo = new ProcessStartInfo(HostTools.Require("unshare"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string run = Path.Combine(StateDirectory, "run");
        foreach (string argument in new[]
        {
            "--mount", "--propagation", "private", "--", HostTools.Require("sh"), "-c",
            "mount -t tmpfs lsx /usr/libexec && mkdir /usr/libexec/ipsec && mount --bind \"$1\" /usr/libexec/ipsec && shift && exec \"$@\"",
            "sh", LibexecDirectory, Path.Combine(LibexecDirectory, "pluto"), "--config", conf, "--nofork", "--rundir", run,
            "--nssdir", Path.Combine(StateDirectory, "nss"), "--secretsfile", secretsFile, "--ipsecdir", Path.Combine(StateDirectory, "ipsec.d"),
            "--dumpdir", run,
        })
            startInfo.ArgumentList.Add(argument);
        process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start unshare for pluto");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!File.Exists(ControlSocket) || !File.Exists(Path.Combine(run, "pluto.pid")))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"pluto exited during startup\n{output}\n{Describe()}");
            if (clock.Elapsed > StartupTimeout)
                throw new TimeoutException($"pluto did not open {ControlSocket}\n{output}\n{Describe()}");
            await Task.Delay(50);
        }

        // the connections are loaded from ipsec.conf by pluto's addconn run; wait until whack lists them
        while (!(await WhackAsync("--status")).StandardOutput.Contains("\"", StringComparison.Ordinal))
        {
            if (clock.Elapsed > StartupTimeout)
                throw new TimeoutException($"pluto loaded no connection\n{Describe()}");
            await Task.Delay(50);
        }
    }
}
