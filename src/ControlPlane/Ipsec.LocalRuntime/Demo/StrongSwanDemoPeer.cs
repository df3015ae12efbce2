using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// A real strongSwan charon as the demo customer gateway, loaded with the connection's own peer-config. Each one has a
/// private state directory (strongswan.conf, swanctl.conf with the PSK, vici socket, log; mode 0700, removed when it
/// stops). charon's pid file (/run/charon.pid) is compiled in and a second charon refuses to start next to a live one,
/// so it runs under <c>unshare --mount</c> with the state directory's run/ bind-mounted on /run; unshare and sh exec
/// in place, so the process started is charon itself and <see cref="KillAsync"/> can SIGKILL exactly it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
sealed class StrongSwanDemoPeer : IDemoCustomerPeer
{
    // sockaddr_un.sun_path holds 108 bytes including the terminating NUL
    const int MaxUnixSocketPath = 107;
    const int SigTerm = 15;
    static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
    static readonly TimeSpan SwanctlTimeout = TimeSpan.FromSeconds(10);

    readonly string stateDirectory;
    readonly Process process;
    readonly int pid;

    StrongSwanDemoPeer(string stateDirectory, Process process, int ikePort, int natPort)
    {
        this.stateDirectory = stateDirectory;
        this.process = process;
        pid = process.Id;
        IkePort = ikePort;
        NatPort = natPort;
    }

    public DemoPeerKind Kind => DemoPeerKind.StrongSwan;
    public int IkePort { get; }
    public int NatPort { get; }
    public string Description => $"strongSwan charon (pid {pid}) on UDP {IkePort}/{NatPort}, log {LogPath}";

    string LogPath => Path.Combine(stateDirectory, "charon.log");
    string ViciSocket => Path.Combine(stateDirectory, "charon.vici");
    string ConfPath => Path.Combine(stateDirectory, "strongswan.conf");

    /// <summary>Starts charon on <paramref name="ikePort"/>/<paramref name="natPort"/> and loads
    /// <paramref name="swanctlConf"/>; throws <see cref="DemoPeerException"/> with charon's log when it cannot, leaving
    /// nothing running.</summary>
    public static async Task<StrongSwanDemoPeer> StartAsync(string stateDirectory, int ikePort, int natPort, string swanctlConf, CancellationToken ct)
    {
        if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true);
        Directory.CreateDirectory(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string run = Path.Combine(stateDirectory, "run");
        Directory.CreateDirectory(run);
        string vici = Path.Combine(stateDirectory, "charon.vici");
        if (Encoding.UTF8.GetByteCount(vici) > MaxUnixSocketPath)
            throw new DemoPeerException($"the vici socket path is too long for a unix socket: {vici} (set Demo:StateRoot to a shorter folder)");
        string log = Path.Combine(stateDirectory, "charon.log");
        await File.WriteAllTextAsync(Path.Combine(stateDirectory, "strongswan.conf"), StrongSwanDemoConf.Render(ikePort, natPort, vici, log), ct);

        var start = new ProcessStartInfo(DemoHostTools.Find("unshare")!) { UseShellExecute = false, RedirectStandardInput = false };
        foreach (string a in new[]
        {
            "--mount", "--propagation", "private", "--",
            "sh", "-c", "mount --bind \"$1\" /run && exec \"$2\" >\"$3\" 2>&1 </dev/null",
            "sh", run, DemoHostTools.Charon, Path.Combine(stateDirectory, "charon.stdout"),
        }) start.ArgumentList.Add(a);
        start.Environment["STRONGSWAN_CONF"] = Path.Combine(stateDirectory, "strongswan.conf");
        var process = Process.Start(start) ?? throw new DemoPeerException("could not start unshare for charon");
        var peer = new StrongSwanDemoPeer(stateDirectory, process, ikePort, natPort);
        try
        {
            await peer.WaitForViciAsync(ct);
            // a port clash does not stop charon: vici comes up and only the log tells
            string text = peer.ReadLog();
            if (text.Contains("could not create any sockets", StringComparison.Ordinal) || text.Contains("unable to bind socket", StringComparison.Ordinal))
                throw new DemoPeerException($"charon could not bind UDP {ikePort}/{natPort} (in use?). {peer.LogTail()}");
            await peer.LoadAsync(swanctlConf, ct);
            return peer;
        }
        catch
        {
            await peer.KillAsync();
            throw;
        }
    }

    public async Task<DemoPeerSas> ListSasAsync(CancellationToken ct)
    {
        if (process.HasExited) return new DemoPeerSas([], ["charon is not running"]);
        var pretty = await Swanctl(["--list-sas", "--pretty"], ct);
        var plain = await Swanctl(["--list-sas"], ct);
        if (!pretty.Succeeded) throw new DemoPeerException($"swanctl --list-sas failed: {pretty}");
        return new DemoPeerSas(SwanctlSaList.Parse(pretty.Output), [.. plain.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
    }

    /// <summary>SIGKILL: charon gets no chance to send a Delete; its TUN device goes with its file descriptor.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
        catch (InvalidOperationException) { }
        finally { RemoveState(); }
    }

    /// <summary>SIGTERM (charon deletes its SAs, telling the gateway), SIGKILL when it is still there after 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            _ = SendSignal(pid, SigTerm);
            using var grace = new CancellationTokenSource(ShutdownTimeout);
            try { await process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { }
        }
        await KillAsync();
        process.Dispose();
    }

    async Task LoadAsync(string swanctlConf, CancellationToken ct)
    {
        // the file holds the PSK: owner-only from the moment it exists
        string path = Path.Combine(stateDirectory, "swanctl.conf");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using (var file = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options)) await file.WriteAsync(swanctlConf.AsMemory(), ct);
        var loaded = await Swanctl(["--load-all", "--noprompt", "--file", path], ct);
        if (!loaded.Succeeded) throw new DemoPeerException($"charon rejected the peer-config: {loaded}");
    }

    Task<DemoCommandResult> Swanctl(IReadOnlyList<string> arguments, CancellationToken ct) =>
        DemoCommand.RunAsync(DemoHostTools.Find("swanctl")!, [.. arguments, "--uri", $"unix://{ViciSocket}"], SwanctlTimeout,
            new Dictionary<string, string> { ["STRONGSWAN_CONF"] = ConfPath }, ct);

    async Task WaitForViciAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new DemoPeerException($"charon exited during startup with {process.ExitCode}. {LogTail()}");
            if (File.Exists(ViciSocket) && await AcceptsAsync(ct)) break;
            if (clock.Elapsed > StartupTimeout) throw new DemoPeerException($"charon did not open its vici socket within {StartupTimeout.TotalSeconds:F0} s. {LogTail()}");
            await Task.Delay(50, ct);
        }
        string pidFile = Path.Combine(stateDirectory, "run", "charon.pid");
        string written = File.Exists(pidFile) ? (await File.ReadAllTextAsync(pidFile, ct)).Trim() : "";
        if (written != process.Id.ToString(CultureInfo.InvariantCulture))
            throw new DemoPeerException($"charon wrote pid '{written}' but {process.Id} was started. {LogTail()}");
    }

    async Task<bool> AcceptsAsync(CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(ViciSocket), ct);
            return true;
        }
        catch (SocketException) { return false; }
    }

    string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException) { return ""; }
    }

    string LogTail()
    {
        var lines = ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string stdout = Path.Combine(stateDirectory, "charon.stdout");
        string launcher = File.Exists(stdout) ? File.ReadAllText(stdout).Trim() : "";
        return $"charon log tail: {string.Join(" | ", lines.TakeLast(8))} {launcher}".Trim();
    }

    void RemoveState()
    {
        try { if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SendSignal(int pid, int signal);
}
