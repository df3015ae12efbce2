using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Ipsec.Certificates;
using Ipsec.ControlPlane.Certificates;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Tests.Fixtures;
using Ipsec.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Engine;

/// <summary>
/// The standalone gateway agent and sm connections (the Azure path): the apply command carries no key material, so the
/// agent opens its gateway's SM2 certificates and keys from the certificate service itself, with the key the control
/// plane protected them with. Without that key, or with another one, it refuses the connection and says why.
/// </summary>
public sealed class GatewayAgentSmCredentialsTests
{
    const string Account = "acct-sm-agent";
    /// <summary>The key the local runtime protects secrets with (local.settings.json): the service CA row in the test
    /// Azurite is shared with the other tests, which run the runtime with it.</summary>
    static readonly string ControlPlaneKey = LocalSettingsKey();
    readonly CapturingLoggerProvider logs = new();

    [SkippableFact]
    public async Task An_agent_with_the_control_planes_key_loads_an_sm_connection_with_its_gateways_certificates()
    {
        TestStorage.RequireAzurite();
        string gateway = Ids.New("vpn");
        await BindCertificatesAsync(gateway);

        var answer = await ApplyThroughTheAgentAsync(gateway, ControlPlaneKey);

        Assert.True(answer.Accepted, answer.Detail);
        Assert.StartsWith("configured in the gateway engine", answer.Detail);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("PRIVATE KEY"));
    }

    [SkippableFact]
    public async Task An_agent_without_the_key_refuses_an_sm_connection_and_names_the_missing_setting()
    {
        TestStorage.RequireAzurite();
        string gateway = Ids.New("vpn");
        await BindCertificatesAsync(gateway);

        var answer = await ApplyThroughTheAgentAsync(gateway, key: null);

        Assert.False(answer.Accepted);
        Assert.Equal($"the engine of gateway {gateway} cannot open SM certificates: its host has no {SecretProtector.KeySetting}", answer.Detail);
    }

    [SkippableFact]
    public async Task An_agent_with_another_key_refuses_an_sm_connection_and_says_the_key_is_not_the_control_planes()
    {
        TestStorage.RequireAzurite();
        string gateway = Ids.New("vpn");
        await BindCertificatesAsync(gateway);

        var answer = await ApplyThroughTheAgentAsync(gateway, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        Assert.False(answer.Accepted);
        Assert.Contains($"cannot be opened with this host's {SecretProtector.KeySetting}", answer.Detail);
    }

    [SkippableFact]
    public async Task An_agent_refuses_an_sm_connection_of_a_gateway_without_bound_certificates()
    {
        TestStorage.RequireAzurite();
        string gateway = Ids.New("vpn");

        var answer = await ApplyThroughTheAgentAsync(gateway, ControlPlaneKey);

        Assert.False(answer.Accepted);
        Assert.Equal($"no SM certificates are bound to gateway {gateway} (POST /api/vpn-gateways/{gateway}/certificates)", answer.Detail);
    }

    /// <summary>What the control plane does when an sm gateway's certificates are bound (POST .../certificates).</summary>
    static async Task BindCertificatesAsync(string gateway)
    {
        var configuration = Configuration(gateway, ControlPlaneKey, 0, 0);
        var storage = new StorageClients(configuration);
        await storage.EnsureCreatedAsync(); // a fresh Azurite has no tables until a control plane host started once
        var service = new GatewayCertificateService(storage, new GatewayStore(storage), new SecretProtector(configuration), TimeProvider.System);
        await service.BindAsync(Account, gateway, default);
    }

    /// <summary>Starts the agent for <paramref name="gateway"/> as the console program does (its services from the same
    /// registration), sends an sm apply through the gateway's queue and returns the agent's answer.</summary>
    async Task<EngineCommandResult> ApplyThroughTheAgentAsync(string gateway, string? key)
    {
        var (ikePort, natPort) = (FreePorts.Udp(), FreePorts.Udp());
        var configuration = Configuration(gateway, key, ikePort, natPort);
        return await AgentHost.RunAsync(configuration, logs, async () =>
        {
            var queues = new EngineTransportQueues(new StorageClients(configuration));
            var apply = new ApplyConnectionCommand(EngineCommandIds.New(), "ipsec-sm-create", gateway, Account, "ipsec-sm",
                new GatewayConnectionSpec(Account, "ipsec-sm", "127.0.0.1", "127.0.0.2", SmSettings(gateway), Psk: ""));
            await new QueueGatewayEngine(queues, NullLogger()).DispatchAsync(apply, default);
            return await QueueTransportTests.AnswerToAsync(queues, apply.CommandId);
        });
    }

    static ConnectionSettings SmSettings(string gateway)
    {
        var customerCa = SmCertificateAuthority.CreateSelfSigned("CN=IDC SM2 CA,O=Customer,C=CN", TimeSpan.FromDays(365), TimeProvider.System);
        return new ConnectionSettings(
            Name: "sm", VpnGatewayId: gateway, CustomerGatewayId: "cgw-aaaaaaaaaaaaaaaaaaaa", RoutingMode: RoutingMode.Destination,
            LocalSubnets: ["172.16.0.0/24"], RemoteSubnets: ["10.1.0.0/24"], EffectImmediately: false,
            IkeConfig: new IkeConfig(IkeVersion.Ikev2, IkeMode.Main, "sm4", "sm3", "group14", 86400, "127.0.0.1", customerCa.SubjectDn),
            IpsecConfig: new IpsecConfig("sm4", "sm3", "disabled", 3600),
            EnableDpd: true, EnableNatTraversal: true, BgpConfig: new BgpConfig(false, null, null, 45104),
            HealthCheckConfig: new HealthCheckConfig(false, null, null, 3, 3),
            RemoteCaCertificate: customerCa.CertificatePem);
    }

    static IConfiguration Configuration(string gateway, string? key, int ikePort, int natPort)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ControlPlaneStorage"] = TestStorage.ConnectionString,
            [EngineTransportServices.AgentGatewayIdKey] = gateway,
            ["Engine:IkePort"] = ikePort.ToString(),
            ["Engine:NatPort"] = natPort.ToString(),
        };
        if (key is not null) settings[SecretProtector.KeySetting] = key;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    static string LocalSettingsKey() =>
        Ipsec.LocalRuntime.LocalSettings.Load(Ipsec.LocalRuntime.LocalSettings.Find() ?? throw new InvalidOperationException("local.settings.json not found"))
            .Single(setting => setting.Key == SecretProtector.KeySetting).Value!;

    static ILogger<QueueGatewayEngine> NullLogger() => Microsoft.Extensions.Logging.Abstractions.NullLogger<QueueGatewayEngine>.Instance;
}
