using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Interop.Tests.Peers;

/// <summary>
/// One real strongSwan charon as an IKE peer for interop tests, driven through swanctl over its own vici socket.
/// <para>
/// Each instance has a private state directory (strongswan.conf, swanctl.conf, vici socket, log). charon's pid
/// file path (/var/run/charon.pid) is compiled in and a second charon refuses to start next to a live one, so
/// charon runs under <c>unshare --mount</c> with the state directory's <c>run/</c> bind-mounted on /run.
/// charon binds the wildcard address: peers in one network namespace need distinct ports.
/// </para>
/// <para>Dispose it (await using): that stops charon, also after a failed test, and removes its state.</para>
/// </summary>
public sealed class StrongSwanPeer : IAsyncDisposable
{
    internal const string StrongSwanConfFileName = "strongswan.conf";
    const string SwanctlConfFileName = "swanctl.conf";
    const string LogFileName = "charon.log";
    const string StdoutFileName = "charon.stdout";
    const string ViciSocketFileName = "charon.vici";
    // sockaddr_un.sun_path holds 108 bytes including the terminating NUL
    const int MaxUnixSocketPath = 107;
    static readonly TimeSpan SwanctlMargin = TimeSpan.FromSeconds(5);
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    static int instanceCounter;
    static readonly ConcurrentDictionary<StrongSwanPeer, byte> LivePeers = new();

    readonly StrongSwanPeerOptions options;
    readonly StringBuilder launcherOutput = new();
    Process? process;
    bool holdsRule220;
    bool disposed;

    static StrongSwanPeer() =>
        // last resort for a test that forgot to dispose: no charon outlives the test process
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (StrongSwanPeer peer in LivePeers.Keys) peer.KillImmediately();
        };

    StrongSwanPeer(StrongSwanPeerOptions options, string stateDirectory)
    {
        this.options = options;
        StateDirectory = stateDirectory;
    }

    public string Name => options.Name;
    public int IkePort => options.IkePort;
    public int NatTraversalPort => options.NatTraversalPort;

    /// <summary>Private directory of this instance (kept after dispose when INTEROP_KEEP_PEER_STATE=1).</summary>
    public string StateDirectory { get; }

    public string LogPath => Path.Combine(StateDirectory, LogFileName);
    public string ViciSocketPath => Path.Combine(StateDirectory, ViciSocketFileName);
    public string StrongSwanConfPath => Path.Combine(StateDirectory, StrongSwanConfFileName);

    /// <summary>charon's pid (unshare and sh exec in place, so the launched process is charon itself).</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("charon was not started");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused { get; private set; }

    /// <summary>True when charon did not stop within the shutdown timeout and was SIGKILLed.</summary>
    public bool WasKilled { get; private set; }

    /// <summary>
    /// Starts charon, waits until its vici socket accepts connections and loads <see cref="StrongSwanPeerOptions.SwanctlConf"/>.
    /// Throws, with charon's log, when charon dies, cannot bind its ports or rejects the configuration; nothing
    /// is left running then.
    /// </summary>
    public static async Task<StrongSwanPeer> StartAsync(StrongSwanPeerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string owner = await InteropHostState.GetOwnerDirectoryAsync();
        int instance = Interlocked.Increment(ref instanceCounter);
        string stateDirectory = Path.Combine(owner, $"{options.Name}-{instance.ToString(CultureInfo.InvariantCulture)}");
        var peer = new StrongSwanPeer(options, stateDirectory);
        if (Encoding.UTF8.GetByteCount(peer.ViciSocketPath) > MaxUnixSocketPath)
            throw new InvalidOperationException($"vici socket path too long for a unix socket: {peer.ViciSocketPath}");
        try
        {
            await peer.LaunchAsync(cancellationToken);
            await peer.LoadConfigurationAsync(options.SwanctlConf, cancellationToken);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Replaces the loaded connections and secrets (swanctl --load-all); throws when swanctl rejects them.</summary>
    public async Task LoadConfigurationAsync(string swanctlConf, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(swanctlConf);
        string path = Path.Combine(StateDirectory, SwanctlConfFileName);
        await File.WriteAllTextAsync(path, swanctlConf, cancellationToken);
        CommandResult result = await SwanctlAsync(["--load-all", "--noprompt", "--file", path], TimeSpan.FromSeconds(15), cancellationToken);
        if (!result.Succeeded) throw new InvalidOperationException($"peer '{Name}' rejected its swanctl.conf:\n{result}");
    }

    /// <summary>
    /// swanctl --initiate, blocking until the SA is up or failed (at most <paramref name="timeout"/>). A failed
    /// negotiation is a result, not an exception: check <see cref="CommandResult.Succeeded"/> and the log.
    /// </summary>
    public Task<CommandResult> InitiateAsync(SaSelector target, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return SwanctlAsync(["--initiate", target.Option, target.Name, "--timeout", WholeSeconds(timeout)], timeout + SwanctlMargin, cancellationToken);
    }

    /// <summary>swanctl --terminate --ike: deletes the IKE_SA (and its CHILD_SAs) with an INFORMATIONAL exchange.</summary>
    public Task<CommandResult> TerminateIkeAsync(string ikeName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ikeName);
        return SwanctlAsync(["--terminate", "--ike", ikeName, "--timeout", WholeSeconds(timeout)], timeout + SwanctlMargin, cancellationToken);
    }

    /// <summary>The IKE_SAs charon holds now, with their CHILD_SAs.</summary>
    public async Task<IReadOnlyList<IkeSaInfo>> ListSasAsync(CancellationToken cancellationToken = default)
    {
        CommandResult result = await SwanctlAsync(["--list-sas", "--pretty"], TimeSpan.FromSeconds(10), cancellationToken);
        if (!result.Succeeded) throw new InvalidOperationException($"peer '{Name}' could not list its SAs:\n{result}");
        return SwanctlSaListParser.Parse(result.StandardOutput);
    }

    /// <summary>Any swanctl command against this peer (its vici socket and strongswan.conf are added).</summary>
    public Task<CommandResult> SwanctlAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return ExternalCommand.RunAsync(
            HostTools.Require("swanctl"),
            [.. arguments, "--uri", $"unix://{ViciSocketPath}"],
            timeout,
            new Dictionary<string, string> { ["STRONGSWAN_CONF"] = StrongSwanConfPath },
            cancellationToken);
    }

    /// <summary>charon's log so far (for diagnostics and for asserting on what the peer saw).</summary>
    public string ReadLog()
    {
        if (!File.Exists(LogPath)) return "";
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Waits, at most <paramref name="timeout"/>, until the log contains <paramref name="text"/>; false if it never did.</summary>
    public async Task<bool> WaitForLogAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (ReadLog().Contains(text, StringComparison.Ordinal)) return true;
            if (clock.Elapsed >= timeout) return false;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Freezes charon (SIGSTOP): it stops answering, as a dead peer would, while its SAs stay.</summary>
    public void Pause()
    {
        if (!IsRunning) throw new InvalidOperationException($"peer '{Name}' is not running");
        LinuxProcess.TrySignal(ProcessId, LinuxProcess.SigStop);
        IsPaused = true;
    }

    /// <summary>Lets a paused charon continue (SIGCONT).</summary>
    public void Resume()
    {
        if (!IsRunning) throw new InvalidOperationException($"peer '{Name}' is not running");
        LinuxProcess.TrySignal(ProcessId, LinuxProcess.SigCont);
        IsPaused = false;
    }

    /// <summary>
    /// Stops charon: SIGTERM (a clean shutdown deletes its SAs' kernel state, the TUN device and rule 220), then
    /// SIGKILL when it is still there after the shutdown timeout. Idempotent.
    /// </summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited) return;
        LinuxProcess.TrySignal(process.Id, LinuxProcess.SigTerm);
        // a stopped process keeps SIGTERM pending until it continues
        LinuxProcess.TrySignal(process.Id, LinuxProcess.SigCont);
        IsPaused = false;
        using (var grace = new CancellationTokenSource(options.ShutdownTimeout))
        {
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException) { }
        }
        WasKilled = true;
        process.Kill();
        await process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Stops charon, then removes rule 220 if it was ours and the last charon stopped, then the state directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            await StopAsync();
        }
        finally
        {
            LivePeers.TryRemove(this, out _);
            process?.Dispose();
            if (holdsRule220)
            {
                holdsRule220 = false;
                await PolicyRoutingRule220.ReleaseAsync();
            }
            if (Environment.GetEnvironmentVariable("INTEROP_KEEP_PEER_STATE") != "1" && Directory.Exists(StateDirectory))
                Directory.Delete(StateDirectory, recursive: true);
        }
    }

    /// <summary>Diagnostics for assertion messages: the peer, its ports and the tail of its log.</summary>
    public string Describe(int logLines = 60)
    {
        string[] lines = ReadLog().Split('\n');
        string tail = string.Join('\n', lines.Skip(Math.Max(0, lines.Length - logLines)));
        return $"--- peer '{Name}' (ports {IkePort}/{NatTraversalPort}, state {StateDirectory}) log tail:\n{tail}";
    }

    async Task LaunchAsync(CancellationToken cancellationToken)
    {
        string runDirectory = Path.Combine(StateDirectory, "run");
        Directory.CreateDirectory(runDirectory);
        // swanctl --load-all also reads credentials from these directories next to swanctl.conf
        foreach (string credentials in new[] { "x509", "x509ca", "x509ocsp", "x509aa", "x509ac", "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12" })
            Directory.CreateDirectory(Path.Combine(StateDirectory, credentials));
        await File.WriteAllTextAsync(StrongSwanConfPath, StrongSwanConf.Render(options, ViciSocketPath, LogPath), cancellationToken);

        await PolicyRoutingRule220.AcquireAsync();
        holdsRule220 = true;

        var startInfo = new ProcessStartInfo(HostTools.Require("unshare"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A private mount namespace whose /run is our run/ directory. unshare and sh exec in place, so the
        // process we start becomes charon (same pid); charon's own output goes to a file.
        foreach (string argument in new[]
        {
            "--mount", "--propagation", "private", "--",
            HostTools.Require("sh"), "-c", "mount --bind \"$1\" /run && exec \"$2\" >\"$3\" 2>&1 </dev/null",
            "sh", runDirectory, HostTools.Charon, Path.Combine(StateDirectory, StdoutFileName),
        })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["STRONGSWAN_CONF"] = StrongSwanConfPath;

        process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start unshare");
        LivePeers.TryAdd(this, 0);
        // unshare's and mount's own complaints (before charon's exec) arrive here
        process.OutputDataReceived += (_, e) => AppendLauncherOutput(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLauncherOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitForViciAsync(cancellationToken);

        // charon creates its pid file and writes it in two steps, around the time the vici socket appears: a file read
        // in between is empty, so wait a little for the content before comparing
        string pidFile = Path.Combine(runDirectory, "charon.pid");
        string expectedPid = process.Id.ToString(CultureInfo.InvariantCulture);
        string writtenPid = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(5); ; await Task.Delay(20, cancellationToken))
        {
            writtenPid = File.Exists(pidFile) ? (await File.ReadAllTextAsync(pidFile, cancellationToken)).Trim() : "";
            if (writtenPid.Length > 0 || DateTime.UtcNow > deadline) break;
        }

        if (writtenPid != expectedPid)
            throw new InvalidOperationException($"charon wrote pid '{writtenPid}' but {process.Id} was started\n{Describe()}");

        // A port clash does not stop charon: vici comes up and only the log tells
        string log = ReadLog();
        if (log.Contains("could not create any sockets", StringComparison.Ordinal)
            || log.Contains("unable to bind socket", StringComparison.Ordinal))
            throw new InvalidOperationException($"peer '{Name}' could not bind UDP {IkePort}/{NatTraversalPort} (in use?)\n{Describe()}");
    }

    async Task WaitForViciAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process!.HasExited)
                throw new InvalidOperationException(
                    $"charon '{Name}' exited during startup with {process.ExitCode}\n{LauncherOutput()}\n{StdoutTail()}\n{Describe()}");
            if (File.Exists(ViciSocketPath) && await ViciAcceptsAsync(cancellationToken)) return;
            if (clock.Elapsed > options.StartupTimeout)
                throw new TimeoutException($"charon '{Name}' did not open {ViciSocketPath} within {options.StartupTimeout}\n{Describe()}");
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    async Task<bool> ViciAcceptsAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(ViciSocketPath), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    void KillImmediately()
    {
        try
        {
            if (process is { HasExited: false }) process.Kill();
        }
        catch (InvalidOperationException) { }
    }

    void AppendLauncherOutput(string? line)
    {
        if (line is null) return;
        lock (launcherOutput) launcherOutput.AppendLine(line);
    }

    string LauncherOutput()
    {
        lock (launcherOutput) return $"--- launcher output:\n{launcherOutput}";
    }

    string StdoutTail()
    {
        string path = Path.Combine(StateDirectory, StdoutFileName);
        return File.Exists(path) ? $"--- charon stdout:\n{File.ReadAllText(path)}" : "";
    }

    static string WholeSeconds(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "must be positive");
        return ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}
