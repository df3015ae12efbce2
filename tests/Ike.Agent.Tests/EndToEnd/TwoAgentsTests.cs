using System.Net;
using Ike.Agent.Client;
using Ike.Agent.Hosting;
using Ike.Agent.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ike.Agent.Tests.EndToEnd;

/// <summary>
/// Two agents with the real engine on real UDP sockets on loopback, driven only through their control sockets: the
/// tunnel comes up, both sides list it, a probe crosses it, a terminate tears it down on both sides. The second test
/// runs one agent as its own process and stops it with SIGTERM, as an operator would.
/// </summary>
public class TwoAgentsTests
{
    private static Task<AgentHost> StartAsync(string config, string socket) =>
        AgentHost.StartAsync(new AgentHostOptions(config) { ControlSocket = socket }, EngineFactory.Production, NullLoggerFactory.Instance);

    [Fact]
    public async Task Two_agents_establish_a_tunnel_probe_through_it_and_tear_it_down()
    {
        using var pair = new LoopbackPair();
        await using var west = await StartAsync(pair.WestConfig, pair.WestSocket);
        await using var east = await StartAsync(pair.EastConfig, pair.EastSocket);
        var westCtl = new AgentControlClient(pair.WestSocket);
        var eastCtl = new AgentControlClient(pair.EastSocket);

        var initiated = await westCtl.InitiateAsync("tunnel", TimeSpan.FromSeconds(30));
        Assert.True(initiated.Established, initiated.Failure?.Message);

        var westSa = Assert.Single(await westCtl.ListSasAsync());
        Assert.Equal(("Established", true, "west.lab.test", "east.lab.test"), (westSa.State, westSa.Initiator, westSa.LocalId, westSa.RemoteId));
        // With custom ports on both sides the initiator floats only its own port to NAT-T and keeps the peer's IKE
        // port (strongSwan does the same; ../shared/reference/ikepeers/README.md).
        Assert.Equal($"127.0.0.1:{pair.WestNatPort}", westSa.Local);
        Assert.Equal($"127.0.0.2:{pair.EastIkePort}", westSa.Remote);
        var westChild = Assert.Single(westSa.Children);
        Assert.Equal((["10.0.0.0/24"], ["10.1.0.0/24"]), (westChild.LocalTs.ToList(), westChild.RemoteTs.ToList()), new TsComparer());
        await Eventually.WaitUntil(() => east.Engine.ListSas().Any(sa => sa.State == "Established" && sa.Children.Count == 1));
        var eastSa = Assert.Single(await eastCtl.ListSasAsync());
        Assert.False(eastSa.Initiator);
        Assert.Equal(westSa.InitiatorSpi, eastSa.InitiatorSpi);
        Assert.Equal(westChild.InboundSpi, Assert.Single(eastSa.Children).OutboundSpi);

        var probe = await westCtl.ProbeAsync("tunnel", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.1.0.1"), TimeSpan.FromSeconds(5));
        Assert.True(probe.Replied, probe.Detail);

        await westCtl.TerminateAsync("tunnel");
        Assert.Empty(await westCtl.ListSasAsync());
        await Eventually.WaitUntil(() => east.Engine.ListSas().Count == 0);
    }

    [Fact]
    public async Task Sigterm_makes_an_agent_process_delete_its_sas_tell_the_peer_and_exit_zero()
    {
        using var pair = new LoopbackPair();
        await using var west = await StartAsync(pair.WestConfig, pair.WestSocket);
        using var east = AgentProcess.Start(pair.EastConfig, pair.EastSocket);
        await Eventually.WaitUntil(() => File.Exists(pair.EastSocket) || east.HasExited);
        Assert.False(east.HasExited, east.HasExited ? east.Log : "");

        var initiated = await new AgentControlClient(pair.WestSocket).InitiateAsync("tunnel", TimeSpan.FromSeconds(30));
        Assert.True(initiated.Established, initiated.Failure?.Message);
        Assert.Single(await new AgentControlClient(pair.EastSocket).ListSasAsync());

        await east.SignalTerminateAsync();
        await east.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(east.ExitCode == 0, east.Log);
        Assert.Contains("terminated tunnel", east.Log);
        Assert.False(File.Exists(pair.EastSocket));
        // east's Delete reached west (RFC 7296 §1.4.1), so west no longer lists the SA.
        await Eventually.WaitUntil(() => west.Engine.ListSas().Count == 0);
    }

    private sealed class TsComparer : IEqualityComparer<(List<string>, List<string>)>
    {
        public bool Equals((List<string>, List<string>) x, (List<string>, List<string>) y) => x.Item1.SequenceEqual(y.Item1) && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((List<string>, List<string>) obj) => 0;
    }
}
