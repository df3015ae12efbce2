using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// Modify against a running tunnel (issue 5 item 4): a change the SAs cannot take (algorithms) ends them with Delete
/// notifications and negotiates again with the new settings; a change they can take (lifetimes) leaves the tunnel up.
/// BGP settings reach the gateway engine and the status says what is configured (item 5).
/// </summary>
public sealed partial class ModifyAndBgpTests(ITestOutputHelper output)
{
    static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    static IEnumerable<(string Field, string To, string Reason)> History(JsonElement c) =>
        c.GetProperty("history").EnumerateArray().Select(h =>
            (h.GetProperty("field").GetString()!, h.GetProperty("to").GetString()!, h.GetProperty("reason").GetString()!));

    /// <summary>The customer's device accepts the connection's proposals and aes256 as well, as a device being migrated
    /// would, so the modify can be followed without touching the customer side.</summary>
    static string AlsoAcceptAes256(string conf) =>
        ProposalLine().Replace(conf, m => $"{m.Value},{m.Value[(m.Value.IndexOf('=') + 2)..].Replace("aes128", "aes256")}");

    [GeneratedRegex(@"(?m)^\s*(esp_)?proposals = [^\r\n,]+")]
    private static partial Regex ProposalLine();

    static async Task<StrongSwanPeer> StartCustomerAsync(string conf) => await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
    {
        Name = "customer", IkePort = ControlPlaneLab.PeerIkePort, NatTraversalPort = ControlPlaneLab.PeerNatPort, SwanctlConf = conf,
    });

    [SkippableFact]
    public async Task Changing_the_algorithms_of_a_running_tunnel_deletes_its_sas_and_negotiates_them_again()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string id = await lab.CreateConnectionAsync("modify-alg", new());
        string conf = AlsoAcceptAes256(await lab.PeerConfigAsync(id));
        output.WriteLine(conf);
        await using var customer = await StartCustomerAsync(conf);
        await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null);
        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        var before = Assert.Single(await customer.ListSasAsync());
        Assert.Equal(128, before.EncryptionKeySize);

        var patch = await lab.Http.PatchAsJsonAsync($"/api/connections/{id}",
            new { ikeConfig = new { ikeEncAlg = "aes256" }, ipsecConfig = new { ipsecEncAlg = "aes256" } });
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);

        // The tunnel comes back with the new algorithms: one IKE SA on the customer side, a new one, AES-256 in both.
        IReadOnlyList<IkeSaInfo> now = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            now = await customer.ListSasAsync();
            if (now is [{ IsEstablished: true, EncryptionKeySize: 256 } sa] && sa.ChildSas is [{ IsInstalled: true }]) break;
            await Task.Delay(200);
        }
        var after = Assert.Single(now);
        Assert.Equal(("AES_CBC", 256), (after.EncryptionAlgorithm, after.EncryptionKeySize));
        Assert.NotEqual(before.InitiatorSpi, after.InitiatorSpi);
        Assert.True(await customer.WaitForLogAsync("received DELETE for IKE_SA", TimeSpan.FromSeconds(5)), customer.Describe());

        var up = await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established" && c.GetProperty("provisioningState").GetString() == "active"
            && History(c).Any(h => h.Reason.Contains("settings changed")), TimeSpan.FromSeconds(30));
        var change = History(up).Last(h => h.Reason.Contains("settings changed"));
        output.WriteLine(change.Reason);
        Assert.Contains("IKE proposal aes/sha256/group14 → aes256/sha256/group14", change.Reason);
        Assert.Contains("IPsec proposal aes/sha256/", change.Reason);
    }

    [SkippableFact]
    public async Task Changing_a_lifetime_leaves_the_running_tunnel_up()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string id = await lab.CreateConnectionAsync("modify-life", new());
        await using var customer = await StartCustomerAsync(await lab.PeerConfigAsync(id));
        await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null);
        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        var before = Assert.Single(await customer.ListSasAsync());

        var patch = await lab.Http.PatchAsJsonAsync($"/api/connections/{id}", new { ikeConfig = new { ikeLifetime = 3600 } });
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        var modified = await lab.WaitFor(id, c => c.GetProperty("provisioningState").GetString() == "active"
            && c.GetProperty("ikeConfig").GetProperty("ikeLifetime").GetInt32() == 3600
            && History(c).Count(h => h.Field == "negotiation" && h.To == "configured") >= 2, TimeSpan.FromSeconds(30));

        Assert.Equal("ipsec_sa_established", Status(modified));
        Assert.DoesNotContain(History(modified), h => h.Reason.Contains("settings changed"));
        var after = Assert.Single(await customer.ListSasAsync());
        Assert.Equal(before.InitiatorSpi, after.InitiatorSpi);
        Assert.False(customer.ReadLog().Contains("received DELETE"), customer.Describe());
    }

    [SkippableFact]
    public async Task Bgp_settings_reach_the_gateway_engine_and_the_status_shows_the_peering()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        await lab.AllowFeaturesAsync("bgp");
        string id = await lab.CreateConnectionAsync("bgp-on", new()
        {
            ["bgpConfig"] = new { enableBgp = true, tunnelCidr = "169.254.20.0/30", localBgpIp = "169.254.20.1", localAsn = "65001" },
        }, customerAsn: 65010);

        var c = await lab.Get($"/api/connections/{id}");
        Assert.Equal("configured", c.GetProperty("bgpState").GetString());
        var bgp = History(c).Last(h => h.Field == "bgp");
        Assert.Equal("local 169.254.20.1/30 AS 65001, neighbor 169.254.20.2 AS 65010; BGP session not run by this release", bgp.Reason);
    }
}
