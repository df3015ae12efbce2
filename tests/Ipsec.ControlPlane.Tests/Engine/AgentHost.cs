using Ipsec.ControlPlane.Engine.Remote;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Engine;

/// <summary>
/// A gateway agent with the console program's own registration (<see cref="EngineTransportServices.AddGatewayAgent"/>),
/// started by hand, not through a HostBuilder: building a host in this process would be seen by the
/// WebApplicationFactory of a test running in parallel (it finds its host through process-wide hosting diagnostics).
/// </summary>
static class AgentHost
{
    /// <summary>Runs <paramref name="body"/> while the agent configured by <paramref name="configuration"/> serves its
    /// gateway's queue; the agent's engines and sockets are gone afterwards.</summary>
    public static async Task<T> RunAsync<T>(IConfiguration configuration, ILoggerProvider logs, Func<Task<T>> body)
    {
        var services = new ServiceCollection().AddSingleton(configuration).AddLogging(l => l.AddProvider(logs));
        services.AddGatewayAgent(configuration);
        await using var provider = services.BuildServiceProvider();
        var agent = Assert.IsType<GatewayAgentService>(Assert.Single(provider.GetServices<IHostedService>()));
        await agent.StartAsync(default);
        try { return await body(); }
        finally { await agent.StopAsync(default); }
    }
}
