using Ipsec.ControlPlane.Access;
using Ipsec.ControlPlane.Connections;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Events;
using Ipsec.ControlPlane.Http;
using Ipsec.ControlPlane.Maintenance;
using Ipsec.ControlPlane.Queues;
using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Ipsec.ControlPlane;

/// <summary>The control plane's services, registered the same way by both hosts; only the management payload
/// factory differs per host.</summary>
public static class ControlPlaneServices
{
    public static IServiceCollection AddControlPlane(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<GatewayStore>();
        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<RouteStore>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<ConnectionSteps>();
        services.AddSingleton<ConnectionContextLoader>();
        services.AddSingleton<ConnectionSubmission>();
        services.AddSingleton<CreationRequestConsumer>();
        services.AddSingleton<StalledWorkflowSweeper>();
        services.AddSingleton<AdminHandlers>();
        services.AddSingleton<GatewayHandlers>();
        services.AddSingleton<ConnectionHandlers>();
        services.AddSingleton<EngineEventRecorder>();
        services.AddSingleton<EngineHandOver>();
        services.AddSingleton<Certificates.GatewayCertificateService>();
        services.AddSingleton<Certificates.CaCertificateLibrary>();
        services.AddSingleton<Connections.PskPeerSideLoader>();
        services.AddSingleton(sp => new WatchSettings(
            int.TryParse(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Watch:IntervalSeconds"], out int s) && s > 0 ? s : 300));
        return services;
    }
}
