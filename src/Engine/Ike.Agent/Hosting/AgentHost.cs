using System.Net;
using Ike.Agent.Configuration;
using Ike.Agent.Control;
using Ike.Agent.Control.Views;
using Ike.Engine.Api;
using Microsoft.Extensions.Logging;

namespace Ike.Agent.Hosting;

/// <summary>
/// A running gateway agent: the engine on the configured UDP endpoints, the connections of the configuration file,
/// and the control socket. <see cref="StopAsync"/> is the graceful end (what SIGTERM triggers): stop taking commands,
/// delete every IKE SA with the peer told (RFC 7296 §1.4.1), then release the engine, the sockets and the keys.
/// </summary>
public sealed partial class AgentHost : IAsyncDisposable
{
    private readonly AgentHostOptions options;
    private readonly RunningEngine running;
    private readonly ConnectionRegistry registry;
    private readonly EngineEventRelay relay;
    private readonly IReadOnlyList<ListenEndpoint> listen;
    private readonly ILogger logger;
    private ControlServer? server;
    private int stopped;

    private AgentHost(AgentHostOptions options, RunningEngine running, IReadOnlyList<ListenEndpoint> listen, ILogger logger)
    {
        this.options = options;
        this.running = running;
        this.listen = listen;
        this.logger = logger;
        registry = new ConnectionRegistry(running.Engine, logger);
        relay = new EngineEventRelay(running.Engine, LogWatcherBehind);
        running.Engine.EventRaised += LogEngineEvent;
    }

    public string ControlSocketPath => server?.SocketPath ?? "";

    /// <summary>The endpoints the transport serves (each listen address on its IKE and NAT-T port).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => running.Transport.LocalEndpoints;

    /// <summary>Control clients watching events now.</summary>
    internal int Watchers => relay.Watchers;

    /// <summary>What the engine runs (and the agent answers for).</summary>
    public IIkeEngine Engine => running.Engine;

    /// <exception cref="AgentConfigException">The configuration file is invalid.</exception>
    /// <exception cref="IOException">The control socket path is taken by a live agent or is not a socket.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">A UDP endpoint or the control socket cannot be bound.</exception>
    public static async Task<AgentHost> StartAsync(AgentHostOptions options, EngineFactory factory, ILoggerFactory logs, CancellationToken ct = default)
    {
        var logger = logs.CreateLogger("Ike.Agent");
        AgentConfig? config = AgentConfigReader.Load(options.ConfigPath, options.Environment);
        string socketPath = options.ControlSocket ?? config.ControlSocket ?? ControlProtocol.DefaultSocketPath;
        AgentHost? host = null;
        try
        {
            foreach (string warning in config.Warnings) LogConfigWarning(logger, warning);
            var engine = await factory.StartAsync(config.Endpoints, logs);
            host = new AgentHost(options, engine, config.Listen, logger);
            var connections = config.Connections;
            var warnings = config.Warnings;
            config = null; // from here the registry owns the keys
            var report = await host.registry.ApplyAsync(connections, warnings, ct);
            foreach (var failure in report.Failed) LogStartRefused(logger, failure.Name, failure.Message);

            var dispatcher = new CommandDispatcher(engine.Engine, host.registry, host.ReloadAsync, options.Time, logger);
            host.server = ControlServer.Start(socketPath, dispatcher, host.relay, options.Time, logger);
            LogStarted(logger, string.Join(", ", host.Endpoints), report.Added.Count, socketPath);
            return host;
        }
        catch
        {
            config?.DisposeSecrets();
            if (host is not null) await host.StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The <c>load</c> command: re-reads the file and reconciles the engine's connections with it. Listen endpoints
    /// cannot move while the agent runs (the sockets stay bound), so a change there is a warning and the file's
    /// connections are checked against the endpoints the agent actually serves. An invalid file changes nothing.
    /// </summary>
    /// <exception cref="AgentConfigException">The file is invalid now.</exception>
    public async Task<LoadView> ReloadAsync(CancellationToken ct)
    {
        var config = AgentConfigReader.Load(options.ConfigPath, options.Environment, runningListen: listen);
        var warnings = new List<string>(config.Warnings);
        string socketPath = options.ControlSocket ?? config.ControlSocket ?? ControlProtocol.DefaultSocketPath;
        if (socketPath != ControlSocketPath)
            warnings.Add($"controlSocket changed to {socketPath}; restart the agent to move the control socket from {ControlSocketPath}");
        foreach (string warning in warnings) LogConfigWarning(logger, warning);
        var report = await registry.ApplyAsync(config.Connections, warnings, ct);
        LogReloaded(report.Added.Count, report.Replaced.Count, report.Removed.Count, report.Unchanged.Count, report.Failed.Count);
        return report;
    }

    /// <summary>Stops taking commands, deletes every IKE SA (waiting at most
    /// <see cref="AgentHostOptions.ShutdownTimeout"/> for the peers), and releases everything. Idempotent.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1) return;
        LogStopping();
        if (server is not null) await server.DisposeAsync();
        await TerminateAllAsync(ct);
        relay.Dispose();
        running.Engine.EventRaised -= LogEngineEvent;
        await running.DisposeAsync();
        registry.Dispose();
        LogStopped();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task TerminateAllAsync(CancellationToken ct)
    {
        var names = running.Engine.ListSas().Select(sa => sa.Connection).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return;
        using var deadline = new CancellationTokenSource(options.ShutdownTimeout, options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ct);
        var all = Task.WhenAll(names.Select(name => TerminateOneAsync(name, linked.Token)));
        try
        {
            await all.WaitAsync(options.ShutdownTimeout, options.Time, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            LogTerminateTimedOut(options.ShutdownTimeout.TotalSeconds);
        }
    }

    private async Task TerminateOneAsync(string name, CancellationToken ct)
    {
        try
        {
            await running.Engine.TerminateAsync(name, ct);
            LogTerminated(name);
        }
        catch (Exception e)
        {
            LogTerminateFailed(name, e.Message);
        }
    }

    private void LogEngineEvent(EngineEvent e)
    {
        if (e.Diagnostic is not null) LogEngineFailureEvent(e.Connection, e.Type, e.Diagnostic.Message);
        else LogEngineInfoEvent(e.Connection, e.Type, e.Detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "config: {Warning}")]
    private static partial void LogConfigWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "the engine refused connection {Name} at start: {Reason}")]
    private static partial void LogStartRefused(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "agent started: IKE on {Endpoints}, {Count} connection(s), control socket {Socket}")]
    private static partial void LogStarted(ILogger logger, string endpoints, int count, string socket);

    [LoggerMessage(Level = LogLevel.Information, Message = "reloaded: {Added} added, {Replaced} replaced, {Removed} removed, {Unchanged} unchanged, {Failed} refused")]
    private partial void LogReloaded(int added, int replaced, int removed, int unchanged, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping: deleting IKE SAs")]
    private partial void LogStopping();

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Information, Message = "terminated {Name}")]
    private partial void LogTerminated(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "terminating {Name} failed: {Reason}")]
    private partial void LogTerminateFailed(string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "not every peer acknowledged the Delete within {Seconds} s; stopping anyway")]
    private partial void LogTerminateTimedOut(double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connection}: {Type} {Detail}")]
    private partial void LogEngineInfoEvent(string connection, EngineEventType type, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Connection}: {Type} {Diagnostic}")]
    private partial void LogEngineFailureEvent(string connection, EngineEventType type, string diagnostic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a control client watching events fell behind; {Count} event(s) dropped for it")]
    private partial void LogWatcherBehind(int count);
}
