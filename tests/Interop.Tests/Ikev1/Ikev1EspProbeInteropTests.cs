using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Interop.Tests.Esp;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev1;

/// <summary>
/// The health-check path through an IKEv1 IPsec SA (issue 4 item 7): an ICMP echo from our local subnet goes as userspace
/// ESP in UDP (RFC 4303, RFC 3948) to charon in a network namespace, whose kernel answers through kernel-libipsec's TUN
/// device; our engine recognises the reply. Main mode (IPv4 identities) in both roles, aggressive mode (FQDNs) with our
/// engine initiating; both sides' counters agree.
/// </summary>
public sealed class Ikev1EspProbeInteropTests(ITestOutputHelper output)
{
    const string Psk = "esp-probe-v1-psk-0123456789";
    const string EngineSubnet = "198.19.1.0/24";
    const string EngineFqdn = "engine.espv1.test";
    const string SwanFqdn = "swan.espv1.test";
    static readonly IPAddress ProbeSource = IPAddress.Parse("198.19.1.1");
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [SkippableTheory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task IcmpEchoThroughTheIpsecSa_TheNamespacesKernelAnswers_AndBothSidesCountTheSamePackets(bool engineInitiates, bool aggressive)
    {
        PeerEnvironment.SkipUnlessAvailable();
        await using HostPairNamespace network = await HostPairNamespace.CreateAsync();
        NamespacedCharon? charon = null;
        IkeEngine? engine = null;
        var log = new TestLoggerFactory();
        try
        {
            charon = await NamespacedCharon.StartAsync(network, SwanctlConf(network, aggressive));
            var transport = new UdpDatagramTransport([new IPEndPoint(network.HostAddress, 500), new IPEndPoint(network.HostAddress, 4500)]);
            engine = new IkeEngine(transport, new IkeEngineOptions { Timing = EngineInterop.Timing, LoggerFactory = log });
            engine.LoadConnection(EngineConfig(network, aggressive));

            if (engineInitiates)
            {
                NegotiationResult result = await engine.InitiateAsync("espv1").WaitAsync(Timeout);
                Assert.True(result.Established, $"{result.Failure?.Message}\n{charon.Describe()}");
            }
            else
            {
                CommandResult initiated = await charon.SwanctlAsync(["--initiate", "--child", "espv1-child", "--timeout", "15"], Timeout);
                Assert.True(initiated.Succeeded, $"{initiated}\n{log.Describe()}");
            }

            IkeSaSnapshot sa = Assert.Single(engine.ListSas());
            Assert.Equal(engineInitiates, sa.Initiator);
            Assert.True(Assert.Single(sa.Children).UdpEncapsulated);

            // a fresh namespace settles for a second or so (IPv6 DAD on the veth makes charon run a roam job): the first
            // echo may fall into that; the health check retries too, so warm up until one echo comes back
            bool warm = false;
            for (int attempt = 0; attempt < 4 && !warm; attempt++)
            {
                warm = (await engine.ProbeAsync("espv1", ProbeSource, HostPairNamespace.InnerHost, TimeSpan.FromSeconds(2)).WaitAsync(Timeout)).Replied;
            }

            Assert.True(warm, $"no echo came back\n{charon.Describe()}\n{log.Describe()}");
            ChildSaSnapshot before = Assert.Single(Assert.Single(engine.ListSas()).Children);
            EspTraffic theirsBefore = await charon.ChildCountersAsync();

            const int Probes = 3;
            for (int i = 0; i < Probes; i++)
            {
                ProbeResult probe = await engine.ProbeAsync("espv1", ProbeSource, HostPairNamespace.InnerHost, TimeSpan.FromSeconds(5)).WaitAsync(Timeout);
                Assert.True(probe.Replied, $"{probe.Detail}\n{charon.Describe()}\n{log.Describe()}");
            }

            ChildSaSnapshot ours = Assert.Single(Assert.Single(engine.ListSas()).Children);
            EspTraffic theirs = await charon.ChildCountersAsync();
            Assert.Equal((Probes, Probes), (ours.PacketsOut - before.PacketsOut, ours.PacketsIn - before.PacketsIn));
            // what we sent is what charon received, and the other way round
            Assert.Equal(
                new EspTraffic(ours.BytesOut - before.BytesOut, ours.BytesIn - before.BytesIn, ours.PacketsOut - before.PacketsOut, ours.PacketsIn - before.PacketsIn),
                new EspTraffic(theirs.BytesIn - theirsBefore.BytesIn, theirs.BytesOut - theirsBefore.BytesOut, theirs.PacketsIn - theirsBefore.PacketsIn,
                    theirs.PacketsOut - theirsBefore.PacketsOut));
        }
        finally
        {
            if (engine is not null)
            {
                await engine.DisposeAsync();
            }

            if (charon is not null)
            {
                output.WriteLine(charon.Describe(150));
                await charon.DisposeAsync();
            }

            output.WriteLine(log.Describe(150));
        }
    }

    static ConnectionConfig EngineConfig(HostPairNamespace network, bool aggressive) => new(
        "espv1", aggressive ? IkeProtocol.Ikev1Aggressive : IkeProtocol.Ikev1Main,
        new IPEndPoint(network.HostAddress, 500), new IPEndPoint(network.NamespaceAddress, 500),
        aggressive ? EngineFqdn : network.HostAddress.ToString(), aggressive ? SwanFqdn : network.NamespaceAddress.ToString(), new PreSharedKey(Psk),
        new IkeProposalConfig("aes256", "sha256", "group14"), new ChildProposalConfig("aes", "sha256", null),
        [Subnet.Parse(EngineSubnet)], [Subnet.Parse(HostPairNamespace.InnerSubnet)],
        TimeSpan.FromHours(1), TimeSpan.FromHours(1), Dpd: null, NatTraversal: true, StartAction.None);

    static string SwanctlConf(HostPairNamespace network, bool aggressive)
    {
        string swanId = aggressive ? SwanFqdn : network.NamespaceAddress.ToString();
        string engineId = aggressive ? EngineFqdn : network.HostAddress.ToString();
        return $$"""
            connections {
              espv1 {
                version = 1
                aggressive = {{(aggressive ? "yes" : "no")}}
                local_addrs = {{network.NamespaceAddress}}
                remote_addrs = {{network.HostAddress}}
                proposals = aes256-sha256-modp2048
                local {
                  auth = psk
                  id = {{swanId}}
                }
                remote {
                  auth = psk
                  id = {{engineId}}
                }
                children {
                  espv1-child {
                    esp_proposals = aes128-sha256
                    local_ts = {{HostPairNamespace.InnerSubnet}}
                    remote_ts = {{EngineSubnet}}
                    mode = tunnel
                    start_action = none
                  }
                }
              }
            }
            secrets {
              ike-espv1 {
                id-swan = {{swanId}}
                id-engine = {{engineId}}
                secret = "{{Psk}}"
              }
            }
            """;
    }
}
