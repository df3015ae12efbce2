using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Health;
using Ike.Engine.Transport;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine;

/// <summary>
/// The local runtime's gateway engines: one <see cref="IkeEngine"/> per VPN gateway public IP, on real UDP sockets
/// (<c>{publicIp}:{IkePort}</c> and <c>{publicIp}:{NatPort}</c>), created on first use. Engine events go into
/// <see cref="Events"/>; a background pump hands them to <see cref="EngineEventRecorder"/> (engine handlers must be quick).
/// </summary>
public sealed partial class InProcessGatewayEngines(EngineSettings settings, ILoggerFactory loggers) : IGatewayEngine, IAsyncDisposable
{
    readonly Dictionary<string, IkeEngine> engines = new();
    readonly Dictionary<string, HealthMonitor> monitors = new();
    readonly SemaphoreSlim gate = new(1, 1);
    readonly ConcurrentDictionary<string, string> gatewayOfConnection = new();
    readonly ConcurrentDictionary<string, string> appliedFingerprint = new();
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
            return new EngineApplyResult(false,
                $"the gateway's engine cannot listen on {spec.GatewayPublicIp} UDP {settings.IkePort}/{settings.NatPort}: {e.SocketErrorCode} (is {spec.GatewayPublicIp} an address of this host?)");
        }
        var config = EngineConfigMapper.Map(spec, settings);
        string fingerprint = Fingerprint(spec);
        // Loading again what is already loaded would start a second negotiation for effectImmediately connections:
        // a replayed activity must not make a second SA.
        if (appliedFingerprint.TryGetValue(config.Name, out var applied) && applied == fingerprint)
            return new EngineApplyResult(true, "already configured in the gateway engine with these settings");
        engine.LoadConnection(config);
        gatewayOfConnection[config.Name] = spec.GatewayPublicIp;
        appliedFingerprint[config.Name] = fingerprint;
        var health = spec.Settings.HealthCheckConfig;
        var monitor = monitors[spec.GatewayPublicIp];
        if (health.Enable && health.Sip is not null && health.Dip is not null)
            monitor.Watch(config.Name, new HealthCheckSpec(IPAddress.Parse(health.Sip), IPAddress.Parse(health.Dip),
                TimeSpan.FromSeconds(health.Interval), health.Retry));
        else
            monitor.Stop(config.Name);
        LogApplied(log, config.Name, spec.GatewayPublicIp, config.StartAction.ToString());
        return new EngineApplyResult(true, spec.Settings.EffectImmediately
            ? "configured in the gateway engine; negotiating now (effectImmediately)"
            : "configured in the gateway engine; negotiation starts with the first packet for the tunnel or POST /api/connections/{id}/negotiate");
    }

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
        return new EngineConnectionState(true, established, established && child is not null, sa?.Algorithms, child?.Algorithms, sa?.EstablishedAt);
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
            var address = IPAddress.Parse(publicIp);
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
