using Ipsec.ControlPlane.Engine;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// The demo customer gateway: at most one at a time, because it owns one address and one pair of ports (charon binds
/// them on every address). Starting it for a connection replaces the one that runs for another connection of the same
/// account; another account's is left alone. Everything it started stops when the runtime stops.
/// </summary>
sealed partial class DemoCustomerGateways(DemoCustomerGatewayOptions options, EngineSettings engine, ILoggerFactory loggers)
    : IHostedService, IAsyncDisposable
{
    sealed record Running(string AccountId, string ConnectionId, IDemoCustomerPeer Peer);

    readonly SemaphoreSlim gate = new(1, 1);
    readonly DemoLoopbackAddresses addresses = new();
    readonly ILogger log = loggers.CreateLogger<DemoCustomerGateways>();
    Running? current;

    /// <summary>Starts (or restarts) the customer side of <paramref name="connection"/>; <paramref name="kind"/> null
    /// lets the host decide: strongSwan where it can run, else our engine.</summary>
    public async Task<DemoPeerView> StartAsync(string accountId, DemoConnection connection, DemoPeerKind? kind, CancellationToken ct)
    {
        var spec = connection.Spec;
        if (spec.CustomerGatewayIp != options.Address)
            throw new DemoPeerException($"the demo plays customer gateway {options.Address} only; this connection's customer gateway is " +
                $"{spec.CustomerGatewayIp}. Create one with \"ipAddress\": \"{options.Address}\" and a connection to it.");
        if (EngineConfigMapper.Unsupported(spec.Settings) is string unsupported) throw new DemoPeerException(unsupported);
        if (!System.Net.IPAddress.TryParse(options.Address, out var own) || own.Equals(System.Net.IPAddress.Loopback))
            throw new DemoPeerException($"Demo:Address {options.Address} must be a loopback address other than 127.0.0.1 (the VPN gateway's)");
        var (subnetHosts, subnetRefusal) = CharonSubnetAddresses.For(spec.Settings.RemoteSubnets);
        string? noStrongSwan = DemoHostTools.StrongSwanUnavailable() ?? subnetRefusal;
        var chosen = kind ?? (noStrongSwan is null ? DemoPeerKind.StrongSwan : DemoPeerKind.Engine);
        if (chosen == DemoPeerKind.StrongSwan && noStrongSwan is not null) throw new DemoPeerException(noStrongSwan);
        // when the host chose, say why it is not strongSwan
        string fallback = kind is null && chosen == DemoPeerKind.Engine ? $" (not strongSwan: {noStrongSwan})" : "";
        var (ikePort, natPort) = Ports(chosen);

        await gate.WaitAsync(ct);
        try
        {
            string replaced = "";
            if (current is not null)
            {
                if (current.AccountId != accountId) throw new DemoPeerException("the demo customer gateway runs for another account; it can run once per host");
                replaced = current.ConnectionId == spec.ConnectionId ? " (restarted)" : $" (replacing the one of connection {current.ConnectionId})";
                await current.Peer.KillAsync();
                await current.Peer.DisposeAsync();
                current = null;
            }
            await addresses.EnsureAsync(options.Address, ct);
            if (chosen == DemoPeerKind.StrongSwan)
                foreach (string host in subnetHosts) await addresses.EnsureAsync(host, ct);
            // (StrongSwanUnavailable refused strongSwan anywhere but Linux; the platform check is for the analyser)
            IDemoCustomerPeer peer;
            try
            {
                peer = chosen == DemoPeerKind.StrongSwan && OperatingSystem.IsLinux()
                    ? await StrongSwanDemoPeer.StartAsync(Path.Combine(DemoLeftovers.OwnFolder(options.StateRoot), spec.ConnectionId), ikePort, natPort, connection.StrongSwanConf, ct)
                    : await EngineDemoPeer.StartAsync(CustomerMirror.Of(spec, engine, new System.Net.IPEndPoint(own, ikePort)), natPort, loggers);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                // the host, not the request: its state folder or a program it runs
                throw new DemoPeerException($"the {DemoPeerKinds.ApiName(chosen)} customer gateway could not start: {e.Message}");
            }
            current = new Running(accountId, spec.ConnectionId, peer);
            LogStarted(log, spec.ConnectionId, peer.Description);
            string who = chosen == DemoPeerKind.StrongSwan ? "with the connection's peer-config (GET .../peer-config?format=strongswan)" : "as the mirror of the connection";
            string next = spec.Settings.EffectImmediately
                ? "the VPN gateway negotiates with it by itself (effectImmediately)"
                : $"POST /api/connections/{spec.ConnectionId}/negotiate, or traffic for the tunnel, starts the negotiation";
            return View(current, $"{peer.Description} plays customer gateway {options.Address} {who}{fallback}{replaced}; {next}");
        }
        finally { gate.Release(); }
    }

    /// <summary>Kills the peer of this connection (no Delete notification: the gateway's DPD has to notice); null when
    /// none runs for it.</summary>
    public async Task<DemoPeerView?> KillAsync(string accountId, string connectionId)
    {
        await gate.WaitAsync();
        try
        {
            if (Find(accountId, connectionId) is not Running running) return null;
            await running.Peer.KillAsync();
            await running.Peer.DisposeAsync();
            current = null;
            LogKilled(log, connectionId, running.Peer.Description);
            string how = running.Peer.Kind == DemoPeerKind.StrongSwan ? "charon was SIGKILLed" : "our engine's sockets were closed";
            string dpd = $"a VPN gateway with SAs to it declares it dead by DPD about {engine.DpdIntervalSeconds + engine.DpdTimeoutSeconds} s " +
                $"after its last answer (Engine:DpdIntervalSeconds {engine.DpdIntervalSeconds} + Engine:DpdTimeoutSeconds {engine.DpdTimeoutSeconds})";
            return View(running, $"stopped abruptly: {how}, no Delete notification was sent; {dpd}");
        }
        finally { gate.Release(); }
    }

    /// <summary>The running peer of this connection and its SAs, or null.</summary>
    public async Task<DemoPeerView?> DescribeAsync(string accountId, string connectionId, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (Find(accountId, connectionId) is not Running running) return null;
            var sas = await running.Peer.ListSasAsync(ct);
            int established = sas.Sas.Count(s => s.State.Contains("ESTABLISHED", StringComparison.OrdinalIgnoreCase));
            return View(running, $"{running.Peer.Description}: {sas.Sas.Count} IKE SA(s), {established} established", sas.Sas, sas.ListSasOutput);
        }
        finally { gate.Release(); }
    }

    /// <summary>Whether this account's demo customer gateway runs for this connection (it may outlive the connection).</summary>
    public bool IsRunningFor(string accountId, string connectionId) => Find(accountId, connectionId) is not null;

    Running? Find(string accountId, string connectionId) =>
        current is { } c && c.AccountId == accountId && c.ConnectionId == connectionId ? c : null;

    /// <summary>The peer listens where the gateway engine sends to its address (<see cref="EngineSettings.PeerIkePortFor"/>).
    /// charon binds its ports on every address, so they must not be the gateway engine's; our engine binds the demo
    /// address only.</summary>
    (int Ike, int Nat) Ports(DemoPeerKind kind)
    {
        int ike = engine.PeerIkePortFor(options.Address), nat = options.NatPortFor(ike);
        if (ike == nat) throw new DemoPeerException($"Demo:NatPort {nat} equals the demo's IKE port; choose another");
        if (kind == DemoPeerKind.StrongSwan && (ike == engine.IkePort || ike == engine.NatPort || nat == engine.IkePort || nat == engine.NatPort))
            throw new DemoPeerException($"charon would listen on UDP {ike}/{nat} on every address, which the gateway engine holds on " +
                $"127.0.0.1 ({engine.IkePort}/{engine.NatPort}); set Engine:PeerIkePorts:{options.Address} and Demo:NatPort to free ports");
        return (ike, nat);
    }

    DemoPeerView View(Running r, string message, IReadOnlyList<DemoIkeSa>? sas = null, IReadOnlyList<string>? listSas = null) =>
        new(r.ConnectionId, DemoPeerKinds.ApiName(r.Peer.Kind), options.Address, r.Peer.IkePort, r.Peer.NatPort, message, sas, listSas);

    /// <summary>The runtime starts: charons left by a runtime that was killed are stopped.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux()) return Task.CompletedTask;
        foreach (int pid in DemoLeftovers.Sweep(options.StateRoot)) LogLeftoverKilled(log, pid);
        return Task.CompletedTask;
    }

    /// <summary>The runtime stops: stop the peer (charon gets SIGTERM first) and take back the addresses we added.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (current is not null) await current.Peer.DisposeAsync();
            current = null;
            try { if (Directory.Exists(DemoLeftovers.OwnFolder(options.StateRoot))) Directory.Delete(DemoLeftovers.OwnFolder(options.StateRoot), recursive: true); }
            catch (IOException) { }
            await addresses.RemoveAddedAsync();
        }
        finally { gate.Release(); }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "demo customer gateway for connection {ConnectionId} started: {Peer}")]
    static partial void LogStarted(ILogger log, string connectionId, string peer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "killed demo charon (pid {Pid}) left behind by a runtime that no longer runs")]
    static partial void LogLeftoverKilled(ILogger log, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "demo customer gateway for connection {ConnectionId} killed: {Peer}")]
    static partial void LogKilled(ILogger log, string connectionId, string peer);
}
