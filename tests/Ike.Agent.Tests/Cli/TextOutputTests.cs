using Ike.Agent.Cli;
using Ike.Agent.Control.Views;
using Ike.Agent.Tests.TestSupport;
using Ike.Engine.Api;

namespace Ike.Agent.Tests.Cli;

public class TextOutputTests
{
    private static readonly DateTimeOffset Now = RecordingEngine.EstablishedAt.AddSeconds(125);

    [Fact]
    public void List_sas_reads_like_swanctl()
    {
        var sa = IkeSaView.From(RecordingEngine.Snapshot("idc"));

        string text = TextOutput.Sas([sa], Now);

        Assert.Equal("""
            idc: ESTABLISHED, IKEv2, 0123456789abcdef_i* fedcba9876543210_r
              local  'peer-a.lab.test' @ 127.0.0.1:15500
              remote 'peer-b.lab.test' @ 127.0.0.2:25500 [NAT]
              aes256/sha256/prfsha256/modp2048
              established 2m 5s ago, rekeying in 57m 55s
              idc: INSTALLED, TUNNEL-in-UDP, ESP:aes128/sha256
                installed 2m 5s ago
                in  c7a6e3f9,        840 bytes,       10 packets
                out 0000b0a1,       1260 bytes,       15 packets
                local  10.0.0.0/24
                remote 10.1.0.0/24

            """.ReplaceLineEndings(), text);
    }

    [Fact]
    public void A_responders_sa_marks_the_responder_spi_as_ours_and_no_sas_says_so()
    {
        var sa = IkeSaView.From(RecordingEngine.Snapshot("idc") with { Initiator = false, NatDetected = false, RekeyAt = null, Children = [] });

        string first = TextOutput.Sas([sa], Now).Split(Environment.NewLine)[0];

        Assert.Equal("idc: ESTABLISHED, IKEv2, 0123456789abcdef_i fedcba9876543210_r*", first);
        Assert.Equal("no IKE SAs" + Environment.NewLine, TextOutput.Sas([], Now));
    }

    [Fact]
    public void List_conns_shows_proposals_subnets_and_switches_but_never_the_psk()
    {
        var config = Ike.Agent.Configuration.AgentConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(Configs.Full), "agent.json", "/", _ => null);

        string text = TextOutput.Connections([.. config.Connections.Select(ConnectionView.From)]);

        Assert.Equal("""
            idc: IKEv2, dpd every 5s, timeout 20s, NAT-T off, start immediately
              local:  127.0.0.1:15500 id peer-a.lab.test
              remote: 127.0.0.2:25500 id peer-b.lab.test
              ike: aes256/sha256/group14, lifetime 3600s
              esp: aes/sha1, lifetime 1800s
              local subnets:  10.0.0.0/24
              remote subnets: 10.1.0.0/24 10.2.0.0/16

            """.ReplaceLineEndings(), text);
        Assert.DoesNotContain(Configs.Psk, text);
    }

    [Fact]
    public void A_failed_initiate_prints_the_diagnostic_and_where_it_came_from()
    {
        var result = new InitiateView("idc", false, new DiagnosticView("IKE_AUTH", "peer", "AUTHENTICATION_FAILED",
            "IKE_AUTH: AUTHENTICATION_FAILED — PSK mismatch or unexpected peer ID fqdn:idc.example"));

        Assert.Equal("""
            initiate idc failed: IKE_AUTH: AUTHENTICATION_FAILED — PSK mismatch or unexpected peer ID fqdn:idc.example
              exchange IKE_AUTH, refused by peer, reason AUTHENTICATION_FAILED

            """.ReplaceLineEndings(), TextOutput.Initiate(result));
        Assert.Equal("initiate idc: established" + Environment.NewLine, TextOutput.Initiate(new InitiateView("idc", true, null)));
    }

    [Fact]
    public void Load_probe_and_event_lines()
    {
        var load = new LoadView(["new"], ["changed"], [], ["same"], [new LoadFailureView("v1", "IKEv1 is not supported yet")], ["weak group"]);

        Assert.Equal("""
            loaded: added new; replaced changed; unchanged same
            refused v1: IKEv1 is not supported yet
            warning: weak group

            """.ReplaceLineEndings(), TextOutput.Load(load));
        Assert.Equal("probe idc 10.0.0.1 -> 10.1.0.1: reply in 1.25 ms (echo reply seq 1)" + Environment.NewLine,
            TextOutput.Probe(new ProbeView("idc", "10.0.0.1", "10.1.0.1", true, 1.25, "echo reply seq 1")));
        Assert.Equal("probe idc 10.0.0.1 -> 10.1.0.1: no reply (timed out after 5 s)" + Environment.NewLine,
            TextOutput.Probe(new ProbeView("idc", "10.0.0.1", "10.1.0.1", false, null, "timed out after 5 s")));
        Assert.Equal("2026-01-02T03:04:05.000Z idc PeerDead no reply to 3 liveness checks" + Environment.NewLine,
            TextOutput.Event(EventView.From(new EngineEvent("idc", EngineEventType.PeerDead, "no reply to 3 liveness checks", RecordingEngine.EstablishedAt))));
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(59, "59s ago")]
    [InlineData(3599, "59m 59s ago")]
    [InlineData(7260, "2h 1m ago")]
    [InlineData(-5, "just now")]
    public void Ages_read_as_swanctl_prints_them(int seconds, string expected)
    {
        Assert.Equal(expected, TextOutput.Ago(Now.AddSeconds(-seconds), Now));
    }
}
