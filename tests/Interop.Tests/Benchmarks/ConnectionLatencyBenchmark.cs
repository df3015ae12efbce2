using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interop.Tests.ControlPlane;
using Interop.Tests.Peers;
using Ipsec.Domain;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Benchmarks;

/// <summary>
/// Issue 5's measurement, not a test: it asserts nothing about time and CI does not run it (tools/test.sh excludes the
/// Benchmark category). Run it explicitly, as root, with the test Azurite:
/// <c>IPSEC_TEST_STORAGE=... dotnet test tests/Interop.Tests --filter Category=Benchmark --logger "console;verbosity=detailed"</c>.
/// (1) Time from POST /api/connections (effectImmediately) to ipsec_sa_established, over 50 sequential creations,
/// against a strongSwan customer gateway, next to strongSwan's own initiate time (charon → charon, same suite, same
/// machine) measured in the same run. (2) Creations per second with 200 concurrent POSTs, every connection accounted for.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ConnectionLatencyBenchmark(ITestOutputHelper output)
{
    const int Sequential = 50, Concurrent = 200;

    static ConnectionSettings SettingsFor(int i) => new($"bench{i}", "vpn", "cgw", RoutingMode.Destination, [$"172.16.{i}.0/24"], ["127.0.51.0/24"], true,
        new IkeConfig(IkeVersion.Ikev2, IkeMode.Main, "aes", "sha256", "group14", 86400, $"c{i}.bench", ControlPlaneLab.CustomerIp),
        new IpsecConfig("aes", "sha256", "group14", 86400), true, true, new BgpConfig(false, null, null, 45104),
        new HealthCheckConfig(false, null, null, 3, 3), null);

    [SkippableFact]
    public async Task Post_to_ipsec_sa_established_latency_and_concurrent_creations()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start();
        string gw = (await lab.Post("/api/vpn-gateways", new { name = "bench-gw", publicIp = ControlPlaneLab.GatewayIp, vpcCidrs = new[] { "172.16.0.0/16" } })).GetProperty("vpnGatewayId").GetString()!;
        string cgw = (await lab.Post("/api/customer-gateways", new { name = "bench-idc", ipAddress = ControlPlaneLab.CustomerIp })).GetProperty("customerGatewayId").GetString()!;

        // the customer gateway knows every connection beforehand (the same generator the peer-config download uses)
        string conf = string.Concat(Enumerable.Range(1, Sequential).Select(i =>
            StrongSwanPeerConfig.Write($"bench{i}", SettingsFor(i), $"bench-psk-{i}", ControlPlaneLab.GatewayIp, ControlPlaneLab.CustomerIp)
                .Replace($"remote_addrs = {ControlPlaneLab.GatewayIp}", $"remote_addrs = {ControlPlaneLab.GatewayIp}\n    remote_port = {ControlPlaneLab.EngineIkePort}")
                .Replace("start_action = trap", "start_action = none")));
        await using var customer = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
        { Name = "customer", IkePort = ControlPlaneLab.PeerIkePort, NatTraversalPort = ControlPlaneLab.PeerNatPort, SwanctlConf = conf, LogLevel = 0 });

        var latencies = new List<double>();
        for (int i = 1; i <= Sequential; i++)
        {
            var sw = Stopwatch.StartNew();
            var created = await lab.Post("/api/connections", new
            {
                name = $"bench{i}", vpnGatewayId = gw, customerGatewayId = cgw, effectImmediately = true, psk = $"bench-psk-{i}",
                localSubnets = new[] { $"172.16.{i}.0/24" }, remoteSubnets = new[] { "127.0.51.0/24" },
                ikeConfig = new { localId = $"c{i}.bench" },
            });
            string id = created.GetProperty("connectionId").GetString()!;
            await lab.WaitFor(id, c => c.GetProperty("status").GetString() == "ipsec_sa_established", TimeSpan.FromSeconds(60), pollMilliseconds: 10);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }

        // strongSwan's own initiate time on the same machine: a second charon initiating to the customer charon
        var swan = await CharonInitiateTimesAsync(Sequential);

        // 200 concurrent creations (negotiation aside): time until every one is active, and all of them are there
        var burst = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(1, Concurrent).Select(async i =>
        {
            var r = await lab.Http.PostAsJsonAsync("/api/connections", new
            {
                name = $"burst{i}", vpnGatewayId = gw, customerGatewayId = cgw, clientToken = $"burst-{i}",
                localSubnets = new[] { $"172.17.{i % 250}.0/24" }, remoteSubnets = new[] { "10.99.0.0/16" },
            });
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionId").GetString()!;
        }));
        double accepted = burst.Elapsed.TotalSeconds;
        foreach (var id in ids) await lab.WaitFor(id, c => c.GetProperty("provisioningState").GetString() == "active", TimeSpan.FromMinutes(5));
        double allActive = burst.Elapsed.TotalSeconds;
        var listed = await lab.Get($"/api/connections?vpnGatewayId={gw}");
        int burstCount = listed.GetProperty("connections").EnumerateArray().Count(c => c.GetProperty("name").GetString()!.StartsWith("burst"));
        Assert.Equal(Concurrent, ids.Distinct().Count());
        Assert.Equal(Concurrent, burstCount);

        static double P(List<double> xs, double q) { var s = xs.Order().ToList(); return s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)]; }
        output.WriteLine($"POST /api/connections → ipsec_sa_established over {Sequential}: p50 {P(latencies, 0.5):F0} ms, p95 {P(latencies, 0.95):F0} ms");
        output.WriteLine($"strongSwan swanctl --initiate (charon → charon, same suite) over {swan.Count}: p50 {P(swan, 0.5):F0} ms, p95 {P(swan, 0.95):F0} ms");
        output.WriteLine($"ratio p50 {P(latencies, 0.5) / P(swan, 0.5):F2}, p95 {P(latencies, 0.95) / P(swan, 0.95):F2}");
        output.WriteLine($"{Concurrent} concurrent creations: all accepted in {accepted:F1} s ({Concurrent / accepted:F0}/s), all active after {allActive:F1} s ({Concurrent / allActive:F1}/s); {burstCount} listed");
    }

    /// <summary>charon initiating IKE_SA_INIT + IKE_AUTH with a CHILD SA (aes128-sha256-modp2048) to another charon,
    /// timed around <c>swanctl --initiate</c> (which returns when the CHILD SA is up).</summary>
    async Task<List<double>> CharonInitiateTimesAsync(int rounds)
    {
        const string a = "127.0.0.3";
        await using var extra = await LoopbackAddresses.AddAsync(a, "127.0.52.1");
        string responder = $$"""
            connections { r { version = 2
                local_addrs = 127.0.0.4
                proposals = aes128-sha256-modp2048
                local { auth = psk
                  id = r.bench }
                remote { auth = psk
                  id = i.bench }
                children { rc { local_ts = 127.0.52.0/24
                    remote_ts = 127.0.53.0/24
                    esp_proposals = aes128-sha256-modp2048 } } } }
            secrets { ike-r { id-1 = r.bench
                id-2 = i.bench
                secret = "swan-bench" } }
            """;
        string initiator = $$"""
            connections { i { version = 2
                local_addrs = {{a}}
                remote_addrs = 127.0.0.4
                remote_port = 27700
                proposals = aes128-sha256-modp2048
                local { auth = psk
                  id = i.bench }
                remote { auth = psk
                  id = r.bench }
                children { ic { local_ts = 127.0.53.0/24
                    remote_ts = 127.0.52.0/24
                    esp_proposals = aes128-sha256-modp2048 } } } }
            secrets { ike-i { id-1 = i.bench
                id-2 = r.bench
                secret = "swan-bench" } }
            """;
        await using var more = await LoopbackAddresses.AddAsync("127.0.0.4", "127.0.53.1");
        await using var r = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions { Name = "swan-r", IkePort = 27700, NatTraversalPort = 26700, SwanctlConf = responder, LogLevel = 0 });
        await using var i = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions { Name = "swan-i", IkePort = 28700, NatTraversalPort = 29700, SwanctlConf = initiator, LogLevel = 0 });
        var times = new List<double>();
        for (int n = 0; n < rounds; n++)
        {
            var sw = Stopwatch.StartNew();
            var result = await i.InitiateAsync(SaSelector.Child("ic"), TimeSpan.FromSeconds(15));
            times.Add(sw.Elapsed.TotalMilliseconds);
            Assert.True(result.Succeeded, result + "\n" + i.Describe() + "\n" + r.Describe());
            await i.TerminateIkeAsync("i", TimeSpan.FromSeconds(10));
        }
        return times;
    }
}
