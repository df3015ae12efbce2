using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// The README's demo through the HTTP API of the local runtime: the runtime starts a customer gateway on 127.0.0.2
/// (strongSwan loaded with the connection's peer-config, or our own engine as the connection's mirror), the VPN gateway
/// negotiates with it, the gateway's DPD notices when it is killed, the tunnel comes back when it is started again, and
/// deleting the connection leaves the peer no SA.
/// </summary>
public sealed class DemoCustomerGatewayTests(ITestOutputHelper output)
{
    /// <summary>The lab's gateway engine sends to this port for the demo's 127.0.0.2, where the demo peer listens (NAT-T
    /// 1000 below): apart from <see cref="ControlPlaneLab.PeerIkePort"/> and from the local runtime's demo (25500), so
    /// another interop run or a demo on this host does not hold it.</summary>
    const int DemoIkePort = 25700;

    static string Status(JsonElement c) => c.GetProperty("status").GetString()!;
    static string Reason(JsonElement c) => c.GetProperty("statusReason").GetString()!;
    static string Demo(string id, string? peer = null) => $"/api/demo/customer-gateways/{id}" + (peer is null ? "" : $"?peer={peer}");

    static void SkipUnlessPeerCanRun(string peer)
    {
        if (peer == "strongswan") PeerEnvironment.SkipUnlessAvailable();
        // our engine needs no strongSwan, but the demo adds 127.0.0.2 to lo (scope global), which needs root
        else if (!Environment.IsPrivilegedProcess) throw new SkipException("the demo adds its address to lo: run as root");
        ControlPlaneLab.SkipUnlessStorage();
    }

    [SkippableTheory]
    [InlineData("strongswan")]
    [InlineData("engine")]
    public async Task The_demo_peer_comes_up_is_declared_dead_by_dpd_comes_back_and_keeps_no_sa_after_delete(string peer)
    {
        SkipUnlessPeerCanRun(peer);
        // 127.0.51.1: charon's userspace ESP needs a local address inside its local traffic selector (remoteSubnets)
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start(DemoIkePort);
        var clock = Stopwatch.StartNew();
        string id = await lab.CreateConnectionAsync("demo-" + peer, new() { ["effectImmediately"] = true });

        var started = await lab.Http.PostAsync(Demo(id, peer), null);
        string startedText = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.OK, startedText);
        var startedBody = JsonDocument.Parse(startedText).RootElement;
        Assert.Equal(peer, startedBody.GetProperty("peer").GetString());
        Assert.Equal(ControlPlaneLab.CustomerIp, startedBody.GetProperty("address").GetString());
        output.WriteLine(startedBody.GetProperty("message").GetString());

        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        output.WriteLine($"create → ipsec_sa_established in {clock.ElapsedMilliseconds} ms");
        var up = await lab.Get(Demo(id));
        var sa = Assert.Single(up.GetProperty("sas").EnumerateArray());
        Assert.Contains("ESTABLISHED", sa.GetProperty("state").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(sa.GetProperty("children").EnumerateArray());

        // the peer stops abruptly: no Delete notification, only the gateway's DPD can tell
        var killed = await lab.Http.DeleteAsync(Demo(id));
        Assert.Equal(HttpStatusCode.OK, killed.StatusCode);
        clock.Restart();
        var dead = await lab.WaitFor(id, c => Status(c) == "ike_sa_not_established", TimeSpan.FromSeconds(30));
        output.WriteLine($"peer stopped → {Reason(dead)} after {clock.ElapsedMilliseconds} ms");
        Assert.Contains("peer dead (DPD)", Reason(dead));
        Assert.Contains(dead.GetProperty("history").EnumerateArray(),
            h => h.GetProperty("field").GetString() == "dpd" && h.GetProperty("to").GetString() == "peer_dead");
        Assert.Equal(HttpStatusCode.NotFound, (await lab.Http.GetAsync(Demo(id))).StatusCode);

        // started again: the gateway's re-initiation (effectImmediately, with backoff) finds it
        clock.Restart();
        Assert.Equal(HttpStatusCode.OK, (await lab.Http.PostAsync(Demo(id, peer), null)).StatusCode);
        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(45));
        output.WriteLine($"peer started again → ipsec_sa_established in {clock.ElapsedMilliseconds} ms");

        // delete: Delete notifications reach the peer, which keeps no SA; the connection is gone
        Assert.Equal(HttpStatusCode.Accepted, (await lab.Http.DeleteAsync($"/api/connections/{id}")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await lab.Http.GetAsync($"/api/connections/{id}")).StatusCode != HttpStatusCode.NotFound && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.Http.GetAsync($"/api/connections/{id}")).StatusCode);
        JsonElement after;
        deadline = DateTime.UtcNow.AddSeconds(10);
        do { after = await lab.Get(Demo(id)); } while (after.GetProperty("sas").GetArrayLength() > 0 && DateTime.UtcNow < deadline && await Delay());
        Assert.True(after.GetProperty("sas").GetArrayLength() == 0, after.ToString());
        Assert.Equal(HttpStatusCode.OK, (await lab.Http.DeleteAsync(Demo(id))).StatusCode);
    }

    [SkippableFact]
    public async Task Only_the_callers_connections_to_the_demo_address_get_a_demo_peer()
    {
        ControlPlaneLab.SkipUnlessStorage();
        await using var lab = ControlPlaneLab.Start();
        var unknown = await lab.Http.PostAsync(Demo("ipsec-doesnotexist"), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.Http.GetAsync(Demo("ipsec-doesnotexist"))).StatusCode);

        string id = await lab.CreateConnectionAsync("demo-elsewhere", new());
        Assert.Equal(HttpStatusCode.NotFound, (await lab.Http.GetAsync(Demo(id))).StatusCode);   // exists, but no peer runs

        var badPeer = await lab.Http.PostAsync(Demo(id, "libreswan"), null);
        Assert.Equal(HttpStatusCode.BadRequest, badPeer.StatusCode);

        // a customer gateway the demo cannot own: a clear refusal, nothing started
        string gw = (await lab.Post("/api/vpn-gateways", new { name = "lab-gw2", publicIp = ControlPlaneLab.GatewayIp, vpcCidrs = new[] { "172.17.0.0/16" } })).GetProperty("vpnGatewayId").GetString()!;
        string cgw = (await lab.Post("/api/customer-gateways", new { name = "far-idc", ipAddress = "203.0.113.10" })).GetProperty("customerGatewayId").GetString()!;
        string far = (await lab.Post("/api/connections", new
        {
            name = "demo-far", vpnGatewayId = gw, customerGatewayId = cgw, localSubnets = new[] { "172.17.1.0/24" }, remoteSubnets = new[] { "10.9.0.0/16" },
        })).GetProperty("connectionId").GetString()!;
        await lab.WaitFor(far, c => c.GetProperty("provisioningState").GetString() == "active", TimeSpan.FromSeconds(60));
        var refused = await lab.Http.PostAsync(Demo(far, "engine"), null);
        string text = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("127.0.0.2", text);
    }

    static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
