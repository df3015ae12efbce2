using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// End to end over HTTP: the control plane (local runtime, Azurite) drives its gateway engine against a real
/// strongSwan customer gateway configured from the connection's own peer-config download.
/// </summary>
public sealed class ConnectionNegotiationTests(ITestOutputHelper output)
{
    static string Status(JsonElement c) => c.GetProperty("status").GetString()!;
    static string Reason(JsonElement c) => c.GetProperty("statusReason").GetString()!;

    static async Task<StrongSwanPeer> StartCustomerAsync(string conf) => await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
    {
        Name = "customer", IkePort = ControlPlaneLab.PeerIkePort, NatTraversalPort = ControlPlaneLab.PeerNatPort, SwanctlConf = conf,
    });

    [SkippableFact]
    public async Task Negotiate_reaches_ipsec_sa_established_and_delete_leaves_no_sa_on_either_side()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string id = await lab.CreateConnectionAsync("e2e-up", new() { ["ikeConfig"] = new { ikeEncAlg = "aes256", ikeAuthAlg = "sha384" } });

        var waiting = await lab.Get($"/api/connections/{id}");
        Assert.Equal("ike_sa_not_established", Status(waiting));
        Assert.Contains("configured in the gateway engine", Reason(waiting));

        await using var customer = await StartCustomerAsync(await lab.PeerConfigAsync(id));
        var sw = Stopwatch.StartNew();
        var negotiate = await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null);
        Assert.Equal(HttpStatusCode.Accepted, negotiate.StatusCode);
        var up = await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        output.WriteLine($"POST negotiate → ipsec_sa_established in {sw.ElapsedMilliseconds} ms");

        var history = up.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("field").GetString() == "status")
            .Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["ike_sa_established", "ipsec_sa_established"], history.TakeLast(2));

        var sa = Assert.Single(await customer.ListSasAsync());
        Assert.True(sa.IsEstablished, customer.Describe());
        Assert.Equal(("AES_CBC", 256), (sa.EncryptionAlgorithm, sa.EncryptionKeySize));
        Assert.Equal("HMAC_SHA2_384_192", sa.IntegrityAlgorithm);
        Assert.True(Assert.Single(sa.ChildSas).IsInstalled);

        // delete: Delete notification to the peer, SAs gone on both sides, then the resource
        var delete = await lab.Http.DeleteAsync($"/api/connections/{id}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await lab.Http.GetAsync($"/api/connections/{id}")).StatusCode != HttpStatusCode.NotFound && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(await customer.WaitForLogAsync("received DELETE for IKE_SA", TimeSpan.FromSeconds(10)), customer.Describe());
        Assert.Empty(await customer.ListSasAsync());
    }

    [SkippableTheory]
    [InlineData("main")]
    [InlineData("aggressive")]
    public async Task An_ikev1_connection_reaches_ipsec_sa_established(string mode)
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string id = await lab.CreateConnectionAsync("e2e-v1-" + mode, new()
        {
            ["ikeConfig"] = new { ikeVersion = "ikev1", ikeMode = mode, ikeEncAlg = "aes256", ikeAuthAlg = "sha1", ikePfs = "group2" },
        });
        await using var customer = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
        {
            Name = "customer", IkePort = ControlPlaneLab.PeerIkePort, NatTraversalPort = ControlPlaneLab.PeerNatPort,
            SwanctlConf = await lab.PeerConfigAsync(id),
            // strongSwan refuses aggressive-mode PSK as responder unless told it may (its own DoS/offline-attack caveat)
            ExtraCharonSettings = mode == "aggressive" ? "i_dont_care_about_security_and_use_aggressive_mode_psk = yes" : "",
        });
        Assert.Equal(HttpStatusCode.Accepted, (await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null)).StatusCode);
        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        var sa = Assert.Single(await customer.ListSasAsync());
        Assert.Equal(1, sa.Version);
        Assert.True(Assert.Single(sa.ChildSas).IsInstalled);
    }

    [SkippableFact]
    public async Task A_proposal_mismatch_shows_the_engines_diagnostic_in_the_status()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string id = await lab.CreateConnectionAsync("e2e-mismatch", new());
        // The customer changed their device to aes256/sha1/modp1024: the connection still says aes/sha256/group14.
        string conf = (await lab.PeerConfigAsync(id)).Replace("proposals = aes128-sha256-modp2048", "proposals = aes256-sha1-modp1024");
        await using var customer = await StartCustomerAsync(conf);
        Assert.Equal(HttpStatusCode.Accepted, (await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null)).StatusCode);
        var failed = await lab.WaitFor(id, c => Reason(c).Contains("NO_PROPOSAL_CHOSEN"), TimeSpan.FromSeconds(30));
        Assert.Equal("ike_sa_not_established", Status(failed));
        Assert.StartsWith("IKE_SA_INIT: NO_PROPOSAL_CHOSEN", Reason(failed));
        Assert.Contains("aes/sha256/modp2048", Reason(failed));
        output.WriteLine(Reason(failed));
    }

    [SkippableFact]
    public async Task A_stopped_peer_is_detected_by_dpd_and_recorded_with_an_event()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string id = await lab.CreateConnectionAsync("e2e-dpd", new());
        await using var customer = await StartCustomerAsync(await lab.PeerConfigAsync(id));
        await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null);
        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));

        customer.Pause();   // SIGSTOP: the customer gateway stops answering
        var sw = Stopwatch.StartNew();
        try
        {
            var dead = await lab.WaitFor(id, c => Status(c) == "ike_sa_not_established", TimeSpan.FromSeconds(60));
            output.WriteLine($"peer dead recorded {sw.ElapsedMilliseconds} ms after SIGSTOP: {Reason(dead)}");
            Assert.Contains("peer dead (DPD)", Reason(dead));
            Assert.Contains(dead.GetProperty("history").EnumerateArray(), h => h.GetProperty("field").GetString() == "dpd" && h.GetProperty("to").GetString() == "peer_dead");
            // configured: a check after 2 s idle, dead after 6 s more without an answer (plus scheduling slack)
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(ControlPlaneLab.DpdIntervalSeconds + ControlPlaneLab.DpdTimeoutSeconds + 6),
                $"DPD took {sw.Elapsed.TotalSeconds:F1} s");
        }
        finally { customer.Resume(); }
    }

    [SkippableFact]
    public async Task A_restarted_runtime_resumes_its_watch_loop_and_renegotiates_with_no_duplicate_sa()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string id = await lab.CreateConnectionAsync("e2e-restart", new());
        await using var customer = await StartCustomerAsync(await lab.PeerConfigAsync(id));
        // switch on effectImmediately now that the customer gateway runs: the modify hands the new setting to the engine
        var patch = await lab.Http.PatchAsync($"/api/connections/{id}", JsonContent("""{"effectImmediately":true}"""));
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        string before = Assert.Single(await customer.ListSasAsync()).InitiatorSpi!;

        await lab.RestartAsync();   // the in-process engine is gone with the old runtime; durable state is not
        var again = await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established"
            && c.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("reason").GetString()!.Contains("configured again")), TimeSpan.FromSeconds(60));
        output.WriteLine(Reason(again));

        // INITIAL_CONTACT makes charon drop the SA of the engine's previous incarnation: one IKE SA, the new one
        var deadline = DateTime.UtcNow.AddSeconds(15);
        IReadOnlyList<IkeSaInfo> sas;
        do { sas = await customer.ListSasAsync(); if (sas.Count == 1) break; await Task.Delay(200); } while (DateTime.UtcNow < deadline);
        var sa = Assert.Single(sas);
        Assert.NotEqual(before, sa.InitiatorSpi);
        Assert.True(sa.IsEstablished);
        var watch = JsonDocument.Parse(await lab.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{id}-watch")).RootElement;
        Assert.Equal("Running", watch.GetProperty("runtimeStatus").GetString());
    }

    static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
