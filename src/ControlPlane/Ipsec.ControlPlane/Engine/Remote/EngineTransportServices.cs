using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>Registrations of the queue transport, one method per side, so every host wires it the same way.</summary>
public static class EngineTransportServices
{
    /// <summary>The control plane's side: commands leave through <see cref="QueueGatewayEngine"/>; answers and engine
    /// events are taken by <see cref="EngineResultRelay"/> and <see cref="EngineEventIntake"/> (queue triggers or pumps).</summary>
    public static IServiceCollection AddQueueEngineTransport(this IServiceCollection services)
    {
        services.TryAddSingleton<EngineTransportQueues>();
        services.AddSingleton<QueueGatewayEngine>();
        services.AddSingleton<IEngineCommandChannel>(sp => sp.GetRequiredService<QueueGatewayEngine>());
        services.AddSingleton<EngineResultRelay>();
        services.AddSingleton<EngineEventIntake>();
        return services;
    }

    /// <summary>The gateway agent's side: the command processor and the event forwarder over an in-process engine.
    /// The host registers <see cref="InProcessGatewayEngines"/> and the storage clients.</summary>
    public static IServiceCollection AddGatewayAgentTransport(this IServiceCollection services)
    {
        services.TryAddSingleton<EngineTransportQueues>();
        services.AddSingleton<IGatewayEngine>(sp => sp.GetRequiredService<InProcessGatewayEngines>());
        services.AddSingleton<GatewayCommandProcessor>();
        services.AddSingleton<EngineEventForwarder>();
        return services;
    }

    /// <summary>Configuration key of the gateway an agent serves.</summary>
    public const string AgentGatewayIdKey = "GatewayAgent:VpnGatewayId";

    /// <summary>
    /// A whole gateway agent for any host (the console program, or a test host in process): the storage account from
    /// <c>ControlPlaneStorage</c> (or the identity settings <see cref="StorageClients"/> reads), the gateway from
    /// <c>GatewayAgent:VpnGatewayId</c>, the engine's ports and timers from the <c>Engine</c> section.
    /// </summary>
    /// <exception cref="InvalidOperationException">No gateway id, or one that is not a resource id.</exception>
    public static IServiceCollection AddGatewayAgent(this IServiceCollection services, IConfiguration configuration)
    {
        string gatewayId = configuration[AgentGatewayIdKey] is { } id && Ids.IsWellFormed(id)
            ? id
            : throw new InvalidOperationException($"{AgentGatewayIdKey} must name the VPN gateway this agent serves (e.g. vpn-...)");
        services.TryAddSingleton<StorageClients>();
        services.AddSingleton(configuration.GetSection("Engine").Get<EngineSettings>() ?? new EngineSettings());
        // sm gateways: the agent opens its gateway's SM2 keys itself (they never travel in a command), which takes the
        // certificate table and the key that protects them (Secrets:EncryptionKey, Key Vault on Azure). Without that key
        // the agent runs PSK connections only and refuses sm ones with that reason.
        if (!string.IsNullOrEmpty(configuration[SecretProtector.KeySetting]))
        {
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<SecretProtector>();
            services.TryAddSingleton<GatewayStore>();
            services.TryAddSingleton<Certificates.GatewayCertificateService>();
        }
        services.AddSingleton<InProcessGatewayEngines>();
        services.AddGatewayAgentTransport();
        services.AddSingleton(new GatewayAgentOptions(gatewayId));
        services.AddHostedService<GatewayAgentService>();
        return services;
    }
}
