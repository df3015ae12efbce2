using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;

namespace Ipsec.LocalRuntime;

/// <summary>
/// How the local runtime reaches its gateway engines (configuration <c>Engine:Transport</c>):
/// <list type="bullet">
/// <item><c>inprocess</c> (default): activities call the in-process engines directly; their events go straight to the
/// recorder (<see cref="EngineEventPump"/>).</item>
/// <item><c>queues</c>: the Azure path, run locally over Azurite: commands go to per-gateway queues
/// (<see cref="QueueGatewayEngine"/>), an in-process gateway agent per gateway executes them on the same in-process
/// engines (<see cref="LocalGatewayAgents"/>), answers and events come back through the results and events queues
/// (<see cref="EngineQueuePumps"/>, standing in for the Functions queue triggers).</item>
/// </list>
/// </summary>
static class LocalEngineTransport
{
    public const string SettingKey = "Engine:Transport", InProcess = "inprocess", Queues = "queues";

    public static void Add(IServiceCollection services, string? transport)
    {
        services.AddSingleton<InProcessGatewayEngines>();
        switch ((transport ?? InProcess).Trim().ToLowerInvariant())
        {
            case InProcess:
                services.AddSingleton<IGatewayEngine>(sp => sp.GetRequiredService<InProcessGatewayEngines>());
                services.AddSingleton<IEngineCommandChannel, DirectEngineChannel>();
                services.AddHostedService<EngineEventPump>();
                break;
            case Queues:
                services.AddQueueEngineTransport();
                services.AddGatewayAgentTransport();
                services.AddHostedService<LocalGatewayAgents>();
                services.AddHostedService<EngineQueuePumps>();
                break;
            default:
                throw new InvalidOperationException($"{SettingKey} must be '{InProcess}' or '{Queues}', not '{transport}'");
        }
    }
}
