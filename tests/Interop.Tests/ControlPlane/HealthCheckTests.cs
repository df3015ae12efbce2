using System.Net;
using System.Text.Json;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// The health check end to end through the API, with our own engine playing the customer gateway (it answers pings
/// to its own subnets through the tunnel, as a customer's host would): healthy while the tunnel carries the probes,
/// an unhealthy event when the customer side takes the tunnel down, healthy again when it is back; and, with
/// effectImmediately=false, the probes are the traffic that starts the negotiation (on-traffic start).
/// </summary>
public sealed class HealthCheckTests(ITestOutputHelper output)
{
    static string Health(JsonElement c) => c.GetProperty("healthCheckState").ValueKind == JsonValueKind.String ? c.GetProperty("healthCheckState").GetString()! : "";

    [SkippableFact]
    public async Task Health_check_goes_unhealthy_when_the_peer_side_goes_away_and_recovers()
    {
        ControlPlaneLab.SkipUnlessStorage();
        await using var lab = ControlPlaneLab.Start();
        await lab.AllowFeaturesAsync("healthCheck");

        string id = await lab.CreateConnectionAsync("e2e-health", new()
        {
            ["healthCheckConfig"] = new { enable = true, sip = "172.16.50.1", dip = "127.0.51.1", interval = 1, retry = 2 },
            ["psk"] = "health-psk",
        });

        // the customer gateway: our engine on 127.0.0.2, configured as the mirror of the connection
        var customerEndpoints = new[] { new IPEndPoint(IPAddress.Parse(ControlPlaneLab.CustomerIp), ControlPlaneLab.PeerIkePort),
                                        new IPEndPoint(IPAddress.Parse(ControlPlaneLab.CustomerIp), ControlPlaneLab.PeerNatPort) };
        await using var customer = new IkeEngine(new UdpDatagramTransport(customerEndpoints));
        ConnectionConfig Mirror() => new("cloud", IkeProtocol.Ikev2, customerEndpoints[0],
            new IPEndPoint(IPAddress.Parse(ControlPlaneLab.GatewayIp), ControlPlaneLab.EngineIkePort),
            ControlPlaneLab.CustomerIp, ControlPlaneLab.GatewayIp, new PreSharedKey("health-psk"),
            new IkeProposalConfig("aes", "sha256", "group14"), new ChildProposalConfig("aes", "sha256", "group14"),
            [Subnet.Parse("127.0.51.0/24")], [Subnet.Parse("172.16.50.0/24")], TimeSpan.FromHours(24), TimeSpan.FromHours(24),
            null, true, StartAction.None);
        customer.LoadConnection(Mirror());

        // effectImmediately is false: the first health-check probe is the first packet for the tunnel and starts the
        // negotiation by itself (on-traffic start), no POST .../negotiate needed
        var healthy = await lab.WaitFor(id, c => c.GetProperty("status").GetString() == "ipsec_sa_established" && Health(c) == "healthy", TimeSpan.FromSeconds(30));
        output.WriteLine(healthy.GetProperty("history").ToString());
        Assert.Contains(healthy.GetProperty("history").EnumerateArray(), h => h.GetProperty("to").GetString() == "triggered_by_traffic");

        Assert.True(await customer.UnloadConnectionAsync("cloud"));   // the customer side takes the tunnel down
        var unhealthy = await lab.WaitFor(id, c => Health(c) == "unhealthy", TimeSpan.FromSeconds(30));
        var change = unhealthy.GetProperty("history").EnumerateArray().Last(h => h.GetProperty("field").GetString() == "healthCheck");
        Assert.Contains("2 probes 172.16.50.1 -> 127.0.51.1 failed in a row", change.GetProperty("reason").GetString());

        customer.LoadConnection(Mirror());   // back: the next probe renegotiates on traffic again
        await lab.WaitFor(id, c => Health(c) == "healthy" && c.GetProperty("status").GetString() == "ipsec_sa_established", TimeSpan.FromSeconds(30));
    }
}
