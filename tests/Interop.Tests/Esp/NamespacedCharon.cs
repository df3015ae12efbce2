using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Interop.Tests.Peers;

namespace Interop.Tests.Esp;

/// <summary>
/// charon inside a <see cref="HostPairNamespace"/> on the standard ports 500/4500 with kernel-libipsec, so that the
/// ESP it decapsulates reaches a kernel (the namespace's) that owns the inner destination and routes the reply back
/// into charon's TUN device (ikepeers' <c>start-peer.sh --netns</c>). The state directory lives under this test
/// process's interop owner directory with the same layout as <see cref="StrongSwanPeer"/>'s (run/charon.pid and
/// STRONGSWAN_CONF), so a charon orphaned by a killed test run is swept by the next one. swanctl talks to it through
/// its vici unix socket, which works across network namespaces.
/// </summary>
public sealed partial class NamespacedCharon : IAsyncDisposable
{
    static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
    static int instanceCounter;

    readonly StrongSwanPeerOptions options;
    Process? process;

    NamespacedCharon(StrongSwanPeerOptions options, string stateDirectory)
    {
        this.options = options;
        StateDirectory = stateDirectory;
    }

    public string StateDirectory { get; }

    string LogPath => Path.Combine(StateDirectory, "charon.log");

    string ViciSocketPath => Path.Combine(StateDirectory, "charon.vici");

    string ConfPath => Path.Combine(StateDirectory, StrongSwanPeer.StrongSwanConfFileName);

    /// <summary>Starts charon in <paramref name="network"/> and loads <paramref name="swanctlConf"/>.</summary>
    public static async Task<NamespacedCharon> StartAsync(HostPairNamespace network, string swanctlConf)
    {
        string owner = await InteropHostState.GetOwnerDirectoryAsync();
        var options = new StrongSwanPeerOptions { Name = "esp", IkePort = 500, NatTraversalPort = 4500, SwanctlConf = swanctlConf, LogLevel = 2 };
        string directory = Path.Combine(owner, $"esp-netns-{Interlocked.Increment(ref instanceCounter).ToString(CultureInfo.InvariantCulture)}");
        var charon = new NamespacedCharon(options, directory);
        try
        {
            await charon.LaunchAsync(network);
            string conf = Path.Combine(directory, "swanctl.conf");
            await File.WriteAllTextAsync(conf, swanctlConf);
            CommandResult loaded = await charon.SwanctlAsync(["--load-all", "--noprompt", "--file", conf], TimeSpan.FromSeconds(15));
            if (!loaded.Succeeded)
            {
                throw new InvalidOperationException($"charon rejected its swanctl.conf:\n{loaded}");
            }

            return charon;
        }
        catch
        {
            await charon.DisposeAsync();
            throw;
        }
    }

    public Task<CommandResult> SwanctlAsync(IReadOnlyList<string> arguments, TimeSpan timeout) =>
        ExternalCommand.RunAsync(HostTools.Require("swanctl"), [.. arguments, "--uri", $"unix://{ViciSocketPath}"], timeout,
            new Dictionary<string, string> { ["STRONGSWAN_CONF"] = ConfPath });

    public async Task<IReadOnlyList<IkeSaInfo>> ListSasAsync() =>
        SwanctlSaListParser.Parse((await SwanctlAsync(["--list-sas", "--pretty"], TimeSpan.FromSeconds(10))).StandardOutput);

    /// <summary>The ESP counters of the one CHILD SA charon holds (vici's bytes-in/out, packets-in/out).</summary>
    public async Task<EspTraffic> ChildCountersAsync()
    {
        string listing = (await SwanctlAsync(["--list-sas", "--pretty"], TimeSpan.FromSeconds(10))).StandardOutput;
        long Value(string key)
        {
            MatchCollection found = CounterLine().Matches(listing);
            Match? match = found.FirstOrDefault(m => m.Groups["key"].Value == key);
            return match is null ? -1 : long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return new EspTraffic(Value("bytes-in"), Value("bytes-out"), Value("packets-in"), Value("packets-out"));
    }

    public string ReadLog()
    {
        if (!File.Exists(LogPath))
        {
            return "";
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    public string Describe(int lines = 80) =>
        "--- charon (netns) log tail:\n" + string.Join('\n', ReadLog().Split('\n').TakeLast(lines));

    /// <summary>SIGTERM (a clean shutdown removes the TUN device and its routes), SIGKILL after the grace period, then the
    /// state directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            LinuxProcess.TrySignal(process.Id, LinuxProcess.SigTerm);
            using var grace = new CancellationTokenSource(ShutdownTimeout);
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
        if (Environment.GetEnvironmentVariable("INTEROP_KEEP_PEER_STATE") != "1" && Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    async Task LaunchAsync(HostPairNamespace network)
    {
        string run = Path.Combine(StateDirectory, "run");
        Directory.CreateDirectory(run);
        await File.WriteAllTextAsync(ConfPath, StrongSwanConf.Render(options, ViciSocketPath, LogPath));
        var start = new ProcessStartInfo(HostTools.Require("ip")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // ip netns exec, unshare and sh all exec in place: the process we start becomes charon (same pid), inside the
        // namespace, with a private /run for its compiled-in pid file
        foreach (string argument in new[]
        {
            "netns", "exec", network.Name, HostTools.Require("unshare"), "--mount", "--propagation", "private", "--",
            HostTools.Require("sh"), "-c", "mount --bind \"$1\" /run && exec \"$2\" >\"$3\" 2>&1 </dev/null",
            "sh", run, HostTools.Charon, Path.Combine(StateDirectory, "charon.stdout"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["STRONGSWAN_CONF"] = ConfPath;
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start ip netns exec");
        var clock = Stopwatch.StartNew();
        while (!await ViciAcceptsAsync())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"charon exited during startup ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}\n{Describe()}");
            }

            if (clock.Elapsed > StartupTimeout)
            {
                throw new TimeoutException($"charon did not open its vici socket within {StartupTimeout}\n{Describe()}");
            }

            await Task.Delay(25);
        }
    }

    async Task<bool> ViciAcceptsAsync()
    {
        if (!File.Exists(ViciSocketPath))
        {
            return false;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(ViciSocketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*(?<key>bytes-in|bytes-out|packets-in|packets-out) = (?<value>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CounterLine();
}

/// <summary>What one side counted on a CHILD SA: inner bytes and ESP packets each way.</summary>
public sealed record EspTraffic(long BytesIn, long BytesOut, long PacketsIn, long PacketsOut);
