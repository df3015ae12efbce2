using System.Net;
using System.Net.Sockets;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Tests.Fixtures;
using Ipsec.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Engine;

/// <summary>
/// A gateway agent on a cloud VM behind 1:1 NAT: the gateway's public IP is not an address of the host, so its engine
/// binds the local address configured for it (<c>Engine:BindAddresses:{publicIp}</c>) and still negotiates as the public
/// IP. Here the "VM" is 127.0.0.1 and the customer gateway our own engine on 127.0.0.2, which reaches us there as a
/// NAT's port forward would.
/// </summary>
public sealed class GatewayBehindNatTests
{
    const string PublicIp = "198.51.100.7", CustomerIp = "127.0.0.2", CustomerId = "203.0.113.9", Psk = "nat-test-psk";

    [Fact]
    public void The_bind_address_comes_from_configuration_per_public_ip()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new($"Engine:BindAddresses:{PublicIp}", "10.0.0.4")]).Build();
        var settings = configuration.GetSection("Engine").Get<EngineSettings>()!;

        Assert.Equal("10.0.0.4", settings.BindAddressFor(PublicIp));
        Assert.Equal("192.0.2.1", settings.BindAddressFor("192.0.2.1"));
        var config = EngineConfigMapper.Map(Spec(), settings);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.4"), 500), config.LocalEndpoint);
        Assert.Equal(PublicIp, config.LocalId);
    }

    [Fact]
    public async Task Without_a_bind_address_a_public_ip_the_host_lacks_is_refused_with_the_setting_to_use()
    {
        await using var engines = new InProcessGatewayEngines(new EngineSettings(IkePort: FreePorts.Udp(), NatPort: FreePorts.Udp()), NullLoggerFactory.Instance);

        var applied = await engines.ApplyAsync(Spec(), default);

        Assert.False(applied.Accepted);
        Assert.Contains($"behind 1:1 NAT set Engine:BindAddresses:{PublicIp} to the local address", applied.Detail);
    }

    [Fact]
    public async Task With_a_bind_address_the_engine_listens_locally_and_negotiates_as_the_public_ip()
    {
        int ikePort = FreePorts.Udp(), natPort = FreePorts.Udp(), customerIke = FreePorts.Udp(CustomerIp), customerNat = FreePorts.Udp(CustomerIp);
        var settings = new EngineSettings(IkePort: ikePort, NatPort: natPort, PeerIkePort: customerIke)
        {
            BindAddresses = new Dictionary<string, string> { [PublicIp] = "127.0.0.1" },
        };
        await using var engines = new InProcessGatewayEngines(settings, NullLoggerFactory.Instance);
        var customerEndpoints = new[] { new IPEndPoint(IPAddress.Parse(CustomerIp), customerIke), new IPEndPoint(IPAddress.Parse(CustomerIp), customerNat) };
        await using var customer = new IkeEngine(new UdpDatagramTransport(customerEndpoints));
        customer.LoadConnection(new ConnectionConfig("cloud", IkeProtocol.Ikev2, customerEndpoints[0], new IPEndPoint(IPAddress.Loopback, ikePort),
            CustomerId, PublicIp, new PreSharedKey(Psk), new IkeProposalConfig("aes", "sha256", "group14"), new ChildProposalConfig("aes", "sha256", null),
            [Subnet.Parse("10.1.0.0/24")], [Subnet.Parse("172.16.0.0/24")], TimeSpan.FromHours(8), TimeSpan.FromHours(1), null, true, StartAction.None));

        var spec = Spec(customerIke: customerIke);
        Assert.True((await engines.ApplyAsync(spec, default)).Accepted);
        Assert.True((await engines.InitiateAsync(spec.AccountId, spec.ConnectionId, default)).Accepted);

        for (var deadline = DateTime.UtcNow.AddSeconds(15); !(customer.ListSas() is [{ State: "Established", Children.Count: 1 }]) && DateTime.UtcNow < deadline;)
            await Task.Delay(50);
        var sa = Assert.Single(customer.ListSas());
        Assert.Equal("Established", sa.State);
        Assert.Equal(PublicIp, sa.RemoteId);                        // our identity: the public IP
        Assert.Equal(IPAddress.Loopback, sa.Remote.Address);       // our packets: from the local address
        var ours = await engines.QueryAsync(spec.AccountId, spec.ConnectionId, default);
        Assert.True(ours.ChildSaEstablished);
    }

    static GatewayConnectionSpec Spec(int customerIke = 500) => new("acct-nat", "ipsec-nat", PublicIp, CustomerIp,
        TransportSamples.Settings("vpn-abcdefghijklmnopqrst") with
        {
            RemoteSubnets = ["10.1.0.0/24"],
            EffectImmediately = false,
            EnableNatTraversal = true,
            IkeConfig = new IkeConfig(IkeVersion.Ikev2, IkeMode.Main, "aes", "sha256", "group14", 28800, PublicIp, CustomerId),
            IpsecConfig = new IpsecConfig("aes", "sha256", "disabled", 3600),
            BgpConfig = new BgpConfig(false, null, null, 45104),
            HealthCheckConfig = new HealthCheckConfig(false, null, null, 3, 3),
        }, Psk);
}
