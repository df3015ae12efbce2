using System.Net;
using System.Text.Json;
using Interop.Tests.Esp;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// The health check through the API against a real strongSwan customer gateway (issue 5): charon runs alone in a
/// network namespace (its kernel owns the <c>dip</c>, 198.19.2.1, on its lo) joined to ours by a veth pair; our gateway
/// engine sends ICMP echoes from <c>sip</c> through the CHILD SA, charon's kernel-libipsec hands them to that kernel,
/// and the reply comes back through the tunnel. When the dip goes away the probes go unanswered: after <c>retry</c>
/// failures the connection is unhealthy (an event); when the dip is back it is healthy again. The tunnel itself stays
/// up the whole time (DPD is answered) — the health check sees what DPD cannot. The connection does not negotiate at
/// once: the first probe is the packet that starts it (on-traffic start).
/// </summary>
public sealed class HealthCheckAgainstStrongSwanTests(ITestOutputHelper output)
{
    static string Health(JsonElement c) => c.GetProperty("healthCheckState").ValueKind == JsonValueKind.String ? c.GetProperty("healthCheckState").GetString()! : "";

    static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    [SkippableFact]
    public async Task Health_check_fails_when_the_peers_dip_goes_away_and_recovers_when_it_comes_back()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using HostPairNamespace network = await HostPairNamespace.CreateAsync();
        string gatewayIp = network.HostAddress.ToString(), customerIp = network.NamespaceAddress.ToString(), dip = HostPairNamespace.InnerHost.ToString();
        NamespacedCharon? charon = null;
        await using var lab = ControlPlaneLab.Start(peerIkePort: 500);
        try
        {
            await lab.AllowFeaturesAsync("healthCheck");
            string id = await lab.CreateConnectionAsync("health-swan", new()
            {
                ["remoteSubnets"] = new[] { HostPairNamespace.InnerSubnet },
                // effectImmediately=false: nothing negotiates until the first packet for the tunnel — the first health
                // probe — leaves the gateway (on-traffic start), here against strongSwan
                ["effectImmediately"] = false,
                ["healthCheckConfig"] = new { enable = true, sip = "172.16.50.1", dip, interval = 1, retry = 3 },
            }, gatewayIp, customerIp);
            charon = await NamespacedCharon.StartAsync(network, await lab.PeerConfigAsync(id, gatewayIp));

            var healthy = await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established" && Health(c) == "healthy", TimeSpan.FromSeconds(45));
            Assert.Contains(healthy.GetProperty("history").EnumerateArray(), h => h.GetProperty("to").GetString() == "triggered_by_traffic");
            var sa = Assert.Single(await charon.ListSasAsync());
            Assert.True(Assert.Single(sa.ChildSas).IsInstalled);

            // the dip goes away on the customer side: pings through the tunnel are no longer answered
            await network.ExecAsync(["ip", "addr", "del", $"{dip}/32", "dev", "lo"], TimeSpan.FromSeconds(10));
            var unhealthy = await lab.WaitFor(id, c => Health(c) == "unhealthy", TimeSpan.FromSeconds(30));
            var change = unhealthy.GetProperty("history").EnumerateArray().Last(h => h.GetProperty("field").GetString() == "healthCheck");
            output.WriteLine(change.ToString());
            Assert.Contains($"3 probes 172.16.50.1 -> {dip} failed in a row", change.GetProperty("reason").GetString());
            Assert.Equal("ipsec_sa_established", Status(unhealthy));   // the tunnel is up; what is behind it is not

            // and comes back
            await network.ExecAsync(["ip", "addr", "add", $"{dip}/32", "dev", "lo", "scope", "global"], TimeSpan.FromSeconds(10));
            var recovered = await lab.WaitFor(id, c => Health(c) == "healthy", TimeSpan.FromSeconds(30));
            Assert.Equal(["healthy", "unhealthy", "healthy"], recovered.GetProperty("history").EnumerateArray()
                .Where(h => h.GetProperty("field").GetString() == "healthCheck").Select(h => h.GetProperty("to").GetString()).TakeLast(3));
        }
        finally
        {
            if (charon is not null) await charon.DisposeAsync();
        }
    }
}
