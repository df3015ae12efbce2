using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Esp;

/// <summary>
/// The health-check path end to end (PRODUCT.md §5, issue 3 item 4): an ICMP echo from an address in our local
/// selector goes through the CHILD SA as userspace ESP in UDP (RFC 4303, RFC 3948) to charon in a network namespace;
/// charon's kernel-libipsec hands the inner packet to the namespace's kernel through its TUN device, the kernel (which
/// owns <see cref="HostPairNamespace.InnerHost"/>) answers, the answer is routed back into the TUN, charon protects it,
/// and our engine recognises the reply. Both roles: our engine as IKE initiator and as responder. Both sides' counters
/// must agree packet for packet and byte for byte.
/// </summary>
public sealed class EspProbeInteropTests(ITestOutputHelper output)
{
    const string EngineId = "engine.esp.test";
    const string SwanId = "swan.esp.test";
    const string Psk = "esp-probe-psk-0123456789";
    const string EngineSubnet = "198.19.1.0/24";
    const int Probes = 3;
    static readonly IPAddress ProbeSource = IPAddress.Parse("198.19.1.1");
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // IPv4 header 20 + ICMP echo header 8 + "ipsec-functions-probe" (IkeEngine's probe payload, 21 octets)
    const int ProbePacketLength = 20 + 8 + 21;

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IcmpEchoThroughTheChildSa_TheNamespacesKernelAnswers_AndBothSidesCountTheSamePackets(bool engineInitiates)
    {
        PeerEnvironment.SkipUnlessAvailable();
        await using HostPairNamespace network = await HostPairNamespace.CreateAsync();
        NamespacedCharon? charon = null;
        IkeEngine? engine = null;
        var log = new TestLoggerFactory();
        try
        {
            charon = await NamespacedCharon.StartAsync(network, SwanctlConf(network));
            var transport = new UdpDatagramTransport([new IPEndPoint(network.HostAddress, 500), new IPEndPoint(network.HostAddress, 4500)]);
            engine = new IkeEngine(transport, new IkeEngineOptions { Timing = EngineInterop.Timing, LoggerFactory = log });
            engine.LoadConnection(EngineConfig(network));

            if (engineInitiates)
            {
                NegotiationResult result = await engine.InitiateAsync("esp").WaitAsync(Timeout);
                Assert.True(result.Established, $"{result.Failure?.Message}\n{charon.Describe()}");
            }
            else
            {
                CommandResult initiated = await charon.SwanctlAsync(["--initiate", "--child", "esp-child", "--timeout", "15"], Timeout);
                Assert.True(initiated.Succeeded, $"{initiated}\n{log.Describe()}");
            }

            IkeSaSnapshot sa = Assert.Single(engine.ListSas());
            Assert.Equal(engineInitiates, sa.Initiator);
            Assert.True(Assert.Single(sa.Children).UdpEncapsulated);

            // HDR(ESP in UDP 4500) { IP 198.19.1.1 -> 198.19.2.1 ICMP echo }  -->
            //                         <-- HDR(ESP in UDP 4500) { IP 198.19.2.1 -> 198.19.1.1 ICMP echo reply }
            for (int i = 0; i < Probes; i++)
            {
                ProbeResult probe = await engine.ProbeAsync("esp", ProbeSource, HostPairNamespace.InnerHost, TimeSpan.FromSeconds(5)).WaitAsync(Timeout);
                Assert.True(probe.Replied, $"{probe.Detail}\n{charon.Describe()}\n{log.Describe()}");
                Assert.NotNull(probe.RoundTrip);
                Assert.InRange(probe.RoundTrip.Value, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(5));
                output.WriteLine($"probe {i + 1}: {probe.Detail} in {probe.RoundTrip.Value.TotalMilliseconds:0.###} ms");
            }

            ChildSaSnapshot ours = Assert.Single(Assert.Single(engine.ListSas()).Children);
            EspTraffic theirs = await charon.ChildCountersAsync();
            Assert.Equal((Probes, Probes), (ours.PacketsOut, ours.PacketsIn));
            Assert.Equal(((long)Probes * ProbePacketLength, (long)Probes * ProbePacketLength), (ours.BytesOut, ours.BytesIn));
            // what we sent is what charon received, and the other way round
            Assert.Equal(new EspTraffic(ours.BytesOut, ours.BytesIn, ours.PacketsOut, ours.PacketsIn), theirs);
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

    static ConnectionConfig EngineConfig(HostPairNamespace network) => new(
        "esp", IkeProtocol.Ikev2,
        new IPEndPoint(network.HostAddress, 500), new IPEndPoint(network.NamespaceAddress, 500),
        EngineId, SwanId, new PreSharedKey(Psk),
        new IkeProposalConfig("aes256", "sha256", "group14"), new ChildProposalConfig("aes", "sha256", null),
        [Subnet.Parse(EngineSubnet)], [Subnet.Parse(HostPairNamespace.InnerSubnet)],
        TimeSpan.FromHours(1), TimeSpan.FromHours(1), Dpd: null, NatTraversal: true, StartAction.None);

    static string SwanctlConf(HostPairNamespace network) => $$"""
        connections {
          esp {
            version = 2
            local_addrs = {{network.NamespaceAddress}}
            remote_addrs = {{network.HostAddress}}
            proposals = aes256-sha256-modp2048
            local {
              auth = psk
              id = {{SwanId}}
            }
            remote {
              auth = psk
              id = {{EngineId}}
            }
            children {
              esp-child {
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
          ike-esp {
            id-swan = {{SwanId}}
            id-engine = {{EngineId}}
            secret = "{{Psk}}"
          }
        }
        """;
}
