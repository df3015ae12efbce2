using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>Which gateway an agent serves (configuration <c>GatewayAgent:VpnGatewayId</c>).</summary>
public sealed record GatewayAgentOptions(string VpnGatewayId);

/// <summary>
/// A gateway agent: the engine of one VPN gateway (<see cref="InProcessGatewayEngines"/> as executor), its command
/// queue read by <see cref="GatewayCommandProcessor"/>, its events sent by <see cref="EngineEventForwarder"/>. The
/// console program src/Gateway/Ipsec.GatewayAgent hosts it; tests can host it in process the same way.
/// </summary>
public sealed partial class GatewayAgentService(GatewayAgentOptions options, InProcessGatewayEngines engines, GatewayCommandProcessor processor,
    EngineEventForwarder forwarder, EngineTransportQueues queues, ILogger<GatewayAgentService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var forwarding = forwarder.RunAsync(engines.Events, stoppingToken);
        // Storage may be unreachable when the agent starts (network not up yet): keep trying rather than exit.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queues.EnsureSharedQueuesAsync(stoppingToken);
                await processor.RunAsync(options.VpnGatewayId, QueuePolling.Agent, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                LogStartFailed(log, options.VpnGatewayId, e.GetType().Name, e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { }
            }
        }
        await forwarding;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "gateway agent for {GatewayId} cannot reach its queues ({Type}: {Message}); retrying")]
    static partial void LogStartFailed(ILogger log, string gatewayId, string type, string message);
}
