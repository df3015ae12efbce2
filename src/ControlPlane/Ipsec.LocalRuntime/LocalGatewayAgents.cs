using System.Collections.Concurrent;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;

namespace Ipsec.LocalRuntime;

/// <summary>
/// The gateway agents of <c>Engine:Transport=queues</c>, in this process: one <see cref="GatewayCommandProcessor"/>
/// per VPN gateway, started the first time a command is sent to that gateway (a deployed agent is configured with its
/// gateway instead), all executing on the one set of in-process engines whose events
/// <see cref="EngineEventForwarder"/> sends to the events queue.
/// </summary>
sealed partial class LocalGatewayAgents : BackgroundService
{
    readonly GatewayCommandProcessor processor;
    readonly EngineEventForwarder forwarder;
    readonly InProcessGatewayEngines engines;
    readonly ILogger<LocalGatewayAgents> log;
    readonly ConcurrentDictionary<string, Task> agents = new();
    readonly CancellationTokenSource stopping = new();

    public LocalGatewayAgents(QueueGatewayEngine sender, GatewayCommandProcessor processor, EngineEventForwarder forwarder,
        InProcessGatewayEngines engines, ILogger<LocalGatewayAgents> log)
    {
        (this.processor, this.forwarder, this.engines, this.log) = (processor, forwarder, engines, log);
        // Subscribed here, not in ExecuteAsync: the host builds every hosted service before starting any, so no
        // activity can send a command before an agent can be started for it.
        sender.GatewayAddressed += StartAgentFor;
    }

    void StartAgentFor(string vpnGatewayId) => agents.GetOrAdd(vpnGatewayId, id =>
    {
        LogStarting(log, id);
        return Task.Run(() => RunAgentAsync(id));
    });

    async Task RunAgentAsync(string vpnGatewayId)
    {
        while (!stopping.IsCancellationRequested)
        {
            try { await processor.RunAsync(vpnGatewayId, QueuePolling.Agent, stopping.Token); }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
            catch (Exception e)
            {
                // e.g. storage unavailable while creating the queue: the agent must come back, not vanish
                LogAgentFailed(log, vpnGatewayId, e.GetType().Name, e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stopping.Token); } catch (OperationCanceledException) { }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var link = stoppingToken.Register(stopping.Cancel);
        // The shared queues are created by StorageInitializer; the forwarder retries a send until they exist.
        await forwarder.RunAsync(engines.Events, stoppingToken);
        await Task.WhenAll(agents.Values);
    }

    public override void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "starting the in-process gateway agent for {GatewayId}")]
    static partial void LogStarting(ILogger log, string gatewayId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "in-process gateway agent for {GatewayId} failed ({Type}: {Message}); restarting")]
    static partial void LogAgentFailed(ILogger log, string gatewayId, string type, string message);
}
