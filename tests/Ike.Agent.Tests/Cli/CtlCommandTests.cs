using System.Text.Json;
using Ike.Agent.Cli;
using Ike.Agent.Tests.TestSupport;
using Ike.Engine.Api;

namespace Ike.Agent.Tests.Cli;

/// <summary><c>ipsec-agent ctl</c> against a running agent: output, <c>--json</c>, and the exit codes 0/1/2.</summary>
public class CtlCommandTests
{
    /// <summary>ctl, check and help never build an engine; run must not get this far in these tests.</summary>
    private static readonly Ike.Agent.Hosting.EngineFactory NoEngine = new(
        (_, _) => throw new InvalidOperationException("no transport in CLI tests"), (_, _) => throw new InvalidOperationException("no engine in CLI tests"));

    private static async Task<(int Exit, string Output, string Error)> Ctl(string socket, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await AgentCli.RunAsync(["ctl", "--control", socket, .. args], output, error, factory: NoEngine, _ => null, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Initiate_then_list_sas_print_text_and_exit_zero()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);

        var initiate = await Ctl(agent.Host.ControlSocketPath, "initiate", "idc", "--timeout", "20");
        var list = await Ctl(agent.Host.ControlSocketPath, "list-sas");

        Assert.Equal((0, "initiate idc: established" + Environment.NewLine, ""), initiate);
        Assert.Equal(0, list.Exit);
        Assert.StartsWith("idc: ESTABLISHED, IKEv2, 0123456789abcdef_i* fedcba9876543210_r", list.Output);
    }

    [Fact]
    public async Task A_failed_negotiation_exits_one_with_the_diagnostic()
    {
        var engine = new RecordingEngine
        {
            OnInitiate = (_, _) => Task.FromResult(new NegotiationResult(false, new NegotiationDiagnostic("IKE_SA_INIT", "network", "TIMEOUT",
                "IKE_SA_INIT: no response after 5 retransmissions"))),
        };
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full, engine);

        var (exit, output, _) = await Ctl(agent.Host.ControlSocketPath, "initiate", "idc");

        Assert.Equal(1, exit);
        Assert.StartsWith("initiate idc failed: IKE_SA_INIT: no response after 5 retransmissions", output);
    }

    [Fact]
    public async Task A_probe_without_reply_exits_one_and_a_refused_command_exits_one_on_stderr()
    {
        var engine = new RecordingEngine { OnProbe = (_, _, _, _, _) => Task.FromResult(new ProbeResult(false, null, "no reply within 1 s")) };
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full, engine);

        var probe = await Ctl(agent.Host.ControlSocketPath, "probe", "idc", "--from", "10.0.0.1", "--to", "10.1.0.1", "--timeout", "1");
        var unknown = await Ctl(agent.Host.ControlSocketPath, "terminate", "nope");

        Assert.Equal((1, "probe idc 10.0.0.1 -> 10.1.0.1: no reply (no reply within 1 s)" + Environment.NewLine), (probe.Exit, probe.Output));
        Assert.Equal((1, ""), (unknown.Exit, unknown.Output));
        Assert.Equal("ipsec-agent ctl terminate: no connection named \"nope\" is loaded (unknown-connection)" + Environment.NewLine, unknown.Error);
        Assert.Contains("probe idc 10.0.0.1 10.1.0.1 1s", engine.Calls);
    }

    [Fact]
    public async Task Json_output_is_the_protocols_result_object()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);

        var (exit, output, _) = await Ctl(agent.Host.ControlSocketPath, "--json", "list-conns");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var connection = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("idc", connection.GetProperty("name").GetString());
        Assert.Equal("aes256/sha256/group14", connection.GetProperty("ikeProposal").GetString());
        Assert.False(connection.TryGetProperty("psk", out _));
    }

    [Fact]
    public async Task No_agent_at_the_socket_exits_one()
    {
        using var directory = new TempDirectory();

        var (exit, _, error) = await Ctl(directory.File("none.sock"), "list-sas");

        Assert.Equal(1, exit);
        Assert.Contains("no agent answers at", error);
        Assert.Contains("(unreachable)", error);
    }

    [Theory]
    [InlineData("ctl")]
    [InlineData("ctl", "reboot")]
    [InlineData("ctl", "initiate")]
    [InlineData("ctl", "initiate", "a", "b")]
    [InlineData("ctl", "list-conns", "a")]
    [InlineData("ctl", "list-sas", "--timeout", "5")]
    [InlineData("ctl", "initiate", "a", "--timeout", "0")]
    [InlineData("ctl", "initiate", "a", "--timeout", "soon")]
    [InlineData("ctl", "probe", "a", "--from", "10.0.0.1")]
    [InlineData("ctl", "probe", "a", "--from", "10.0.0.1", "--to", "host")]
    [InlineData("ctl", "terminate", "a", "--from", "10.0.0.1")]
    [InlineData("ctl", "list-sas", "--verbose")]
    [InlineData("ctl", "list-sas", "--control")]
    [InlineData("run")]
    [InlineData("run", "--config", "a.json", "extra")]
    [InlineData("run", "--config", "a.json", "--log-level", "loud")]
    [InlineData("check")]
    [InlineData("frobnicate")]
    [InlineData]
    public async Task A_wrong_command_line_exits_two_with_usage(params string[] args)
    {
        var error = new StringWriter();

        int exit = await AgentCli.RunAsync(args, TextWriter.Null, error, factory: NoEngine, _ => null, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", error.ToString());
    }

    [Fact]
    public async Task Help_exits_zero_and_check_prints_a_valid_files_connections()
    {
        using var directory = new TempDirectory();
        string config = directory.Write("agent.json", Configs.Full);
        var output = new StringWriter();

        Assert.Equal(0, await AgentCli.RunAsync(["help"], output, TextWriter.Null, NoEngine, _ => null, CancellationToken.None));
        Assert.Contains("ipsec-agent ctl [--control SOCKET] [--json] COMMAND", output.ToString());

        output = new StringWriter();
        Assert.Equal(0, await AgentCli.RunAsync(["check", "--config", config], output, TextWriter.Null, NoEngine, _ => null, CancellationToken.None));
        Assert.StartsWith("listen: 127.0.0.1[15500/14500]" + Environment.NewLine + "idc: IKEv2, dpd every 5s", output.ToString());
    }
}
