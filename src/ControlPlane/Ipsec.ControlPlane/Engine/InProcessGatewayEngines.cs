using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Health;
using Ike.Engine.Transport;
using Ipsec.Domain;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine;

/// <summary>
/// The local runtime's gateway engines: one <see cref="IkeEngine"/> per VPN gateway public IP, on real UDP sockets
/// (<c>{publicIp}:{IkePort}</c> and <c>{publicIp}:{NatPort}</c>), created on first use. Engine events go into
/// <see cref="Events"/>; a background pump hands them to <see cref="EngineEventRecorder"/> (engine handlers must be quick).
/// </summary>
/// <remarks>sm connections: the host loads the gateway's SM2 certificates and keys from the certificate service itself
/// (<paramref name="certificates"/>), so private keys never travel in a command.</remarks>
public sealed partial class InProcessGatewayEngines(EngineSettings settings, ILoggerFactory loggers, Certificates.GatewayCertificateService? certificates = null)
    : IGatewayEngine, IAsyncDisposable
{
    readonly Dictionary<string, IkeEngine> engines = new();
    readonly Dictionary<string, HealthMonitor> monitors = new();
    readonly SemaphoreSlim gate = new(1, 1);
    readonly ConcurrentDictionary<string, string> gatewayOfConnection = new();
    readonly ConcurrentDictionary<string, string> appliedFingerprint = new();
    readonly ConcurrentDictionary<string, ConnectionConfig> appliedConfig = new();
    readonly ConcurrentDictionary<string, BgpPeering> bgpPeerings = new();
    readonly Channel<EngineEvent> events = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
    readonly ILogger log = loggers.CreateLogger<InProcessGatewayEngines>();

    public ChannelReader<EngineEvent> Events => events.Reader;

    public async Task<EngineApplyResult> ApplyAsync(GatewayConnectionSpec spec, CancellationToken ct)
    {
        if (EngineConfigMapper.Unsupported(spec.Settings) is string why) return new EngineApplyResult(false, why);
        IkeEngine engine;
        try { engine = await EngineFor(spec.GatewayPublicIp); }
        catch (SocketException e)
        {
            string bind = settings.BindAddressFor(spec.GatewayPublicIp);
            return new EngineApplyResult(false, bind == spec.GatewayPublicIp
                ? $"the gateway's engine cannot listen on {bind} UDP {settings.IkePort}/{settings.NatPort}: {e.SocketErrorCode} (is {bind} an address of this host? behind 1:1 NAT set Engine:BindAddresses:{bind} to the local address)"
                : $"the gateway's engine cannot listen on {bind} (Engine:BindAddresses:{spec.GatewayPublicIp}) UDP {settings.IkePort}/{settings.NatPort}: {e.SocketErrorCode}");
        }
        Certificates.SmGatewayCredentials? smCredentials = null;
        if (EngineConfigMapper.IsSm(spec.Settings))
        {
            if (certificates is null)
                return new EngineApplyResult(false,
                    $"the engine of gateway {spec.Settings.VpnGatewayId} cannot open SM certificates: its host has no {Secrets.SecretProtector.KeySetting}");
            try { smCredentials = await certificates.LoadCredentialsAsync(spec.AccountId, spec.Settings.VpnGatewayId, ct); }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // AES-GCM refused the key password: this host's key is not the one the control plane protected it with
                return new EngineApplyResult(false,
                    $"the SM keys of gateway {spec.Settings.VpnGatewayId} cannot be opened with this host's {Secrets.SecretProtector.KeySetting} (not the control plane's key)");
            }
            if (smCredentials is null)
                return new EngineApplyResult(false, $"no SM certificates are bound to gateway {spec.Settings.VpnGatewayId} (POST /api/vpn-gateways/{spec.Settings.VpnGatewayId}/certificates)");
        }
        var config = EngineConfigMapper.Map(spec, settings, smCredentials);
        string fingerprint = Fingerprint(spec);
        // A replayed activity (same settings) changes nothing and says so.
        if (appliedFingerprint.TryGetValue(config.Name, out var applied) && applied == fingerprint)
            return new EngineApplyResult(true, "already configured in the gateway engine with these settings" + BgpNote(spec.Bgp), spec.Bgp);

        // A modify that changes what the SAs agreed on (algorithms, IDs, PSK, subnets, ...) ends them — Delete
        // notifications to the peer — and the connection negotiates again with the new settings; anything else (DPD,
        // lifetimes, health check, BGP) is taken by the running SAs. Loading again never starts a second IKE SA: the
        // engine's initiate joins an SA that exists.
        string? renegotiate = appliedConfig.TryGetValue(config.Name, out var before) && engine.ListSas().Any(sa => sa.Connection == config.Name)
            ? RenegotiationRule.Reason(before, config)
            : null;
        if (renegotiate is not null) await engine.UnloadConnectionAsync(config.Name, ct);
        engine.LoadConnection(config);
        // The tunnel was up and the user did not ask to take it down: bring it back with the new settings even when it
        // would otherwise wait for traffic (effectImmediately=false); Immediately connections initiate on load.
        if (renegotiate is not null && config.StartAction != StartAction.Immediately) _ = engine.InitiateAsync(config.Name, CancellationToken.None);
        gatewayOfConnection[config.Name] = spec.GatewayPublicIp;
        appliedFingerprint[config.Name] = fingerprint;
        appliedConfig[config.Name] = config;
        if (spec.Bgp is null) bgpPeerings.TryRemove(config.Name, out _);
        else bgpPeerings[config.Name] = spec.Bgp;
        var health = spec.Settings.HealthCheckConfig;
        var monitor = monitors[spec.GatewayPublicIp];
        if (health.Enable && health.Sip is not null && health.Dip is not null)
            monitor.Watch(config.Name, new HealthCheckSpec(IPAddress.Parse(health.Sip), IPAddress.Parse(health.Dip),
                TimeSpan.FromSeconds(health.Interval), health.Retry));
        else
            monitor.Stop(config.Name);
        LogApplied(log, config.Name, spec.GatewayPublicIp, config.StartAction.ToString());
        string start = spec.Settings.EffectImmediately || renegotiate is not null
            ? "negotiating now"
            : "negotiation starts with the first packet for the tunnel or POST /api/connections/{id}/negotiate";
        string detail = renegotiate is not null
            ? $"settings changed that the running SAs cannot take ({renegotiate}): SAs deleted; {start}"
            : $"configured in the gateway engine; {start}";
        return new EngineApplyResult(true, detail + BgpNote(spec.Bgp), spec.Bgp);
    }

    /// <summary>The gateway holds the peering for its BGP speaker; the BGP session itself is not run by this release,
    /// and the status says exactly that rather than pretending a session.</summary>
    static string BgpNote(BgpPeering? bgp) =>
        bgp is null ? "" : $"; BGP peering configured ({bgp}); the BGP session is not run by this gateway engine yet";

    public async Task<EngineApplyResult> InitiateAsync(string accountId, string connectionId, CancellationToken ct)
    {
        string name = EngineConnectionNames.Of(accountId, connectionId);
        if (!gatewayOfConnection.TryGetValue(name, out var gateway))
            return new EngineApplyResult(false, "the connection is not loaded in a gateway engine");
        var engine = await EngineFor(gateway);
        if (engine.ListSas().Any(sa => sa.Connection == name))
            return new EngineApplyResult(true, "an IKE SA for this connection already exists (established or negotiating)");
        // The outcome arrives as engine events; the initiate task itself is not awaited by the caller.
        _ = engine.InitiateAsync(name, CancellationToken.None);
        return new EngineApplyResult(true, "negotiation started");
    }

    public async Task RemoveAsync(string accountId, string connectionId, CancellationToken ct)
    {
        string name = EngineConnectionNames.Of(accountId, connectionId);
        appliedFingerprint.TryRemove(name, out _);
        appliedConfig.TryRemove(name, out _);
        bgpPeerings.TryRemove(name, out _);
        if (!gatewayOfConnection.TryRemove(name, out var gateway)) return;
        var engine = await EngineFor(gateway);
        monitors[gateway].Stop(name);
        await engine.UnloadConnectionAsync(name, ct);
    }

    public async Task<EngineConnectionState> QueryAsync(string accountId, string connectionId, CancellationToken ct)
    {
        string name = EngineConnectionNames.Of(accountId, connectionId);
        if (!gatewayOfConnection.TryGetValue(name, out var gateway)) return new EngineConnectionState(false, false, false, null, null, null);
        var engine = await EngineFor(gateway);
        var sa = engine.ListSas().Where(s => s.Connection == name).OrderByDescending(s => s.EstablishedAt).FirstOrDefault();
        var child = sa?.Children.FirstOrDefault(c => c.State.Contains("install", StringComparison.OrdinalIgnoreCase) || c.State.Contains("established", StringComparison.OrdinalIgnoreCase));
        bool established = sa is not null && sa.State.Contains("established", StringComparison.OrdinalIgnoreCase);
        return new EngineConnectionState(true, established, established && child is not null, sa?.Algorithms, child?.Algorithms, sa?.EstablishedAt,
            bgpPeerings.GetValueOrDefault(name));
    }

    static string Fingerprint(GatewayConnectionSpec spec) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(spec with { Psk = "" }, Ipsec.Domain.ApiJson.Options) + "|" + spec.Psk)));

    /// <summary>The engine of one gateway address, created on first use. A failed bind is not cached: the address may be
    /// added to the host later.</summary>
    async Task<IkeEngine> EngineFor(string publicIp)
    {
        await gate.WaitAsync();
        try
        {
            if (engines.TryGetValue(publicIp, out var existing)) return existing;
            var address = IPAddress.Parse(settings.BindAddressFor(publicIp));
            var transport = new UdpDatagramTransport([new IPEndPoint(address, settings.IkePort), new IPEndPoint(address, settings.NatPort)]);
            var engine = new IkeEngine(transport, new IkeEngineOptions { LoggerFactory = loggers });
            engine.EventRaised += e => events.Writer.TryWrite(e);
            engines[publicIp] = engine;
            monitors[publicIp] = new HealthMonitor(engine, TimeProvider.System, e => events.Writer.TryWrite(e));
            return engine;
        }
        finally { gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        events.Writer.TryComplete();
        foreach (var monitor in monitors.Values) await monitor.DisposeAsync();
        foreach (var engine in engines.Values)
        {
            try { await engine.DisposeAsync(); } catch (SocketException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "engine connection {Name} configured on gateway {Gateway} (start: {Start})")]
    static partial void LogApplied(ILogger log, string name, string gateway, string start);
}
