using Ike.Agent.Cli;
using Ike.Agent.Client;
using Ike.Agent.Control;
using Ike.Agent.Hosting;
using Ike.Agent.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ike.Agent.Tests.Hosting;

/// <summary>The graceful end SIGTERM triggers: commands stop, every IKE SA is deleted with the peer told, then the
/// engine, the transport, the socket file and the keys are released.</summary>
public class ShutdownTests
{
    [Fact]
    public async Task Stop_terminates_every_sa_then_releases_engine_transport_socket_and_keys()
    {
        var agent = await AgentUnderTest.StartAsync(Configs.Minimal("alpha", "beta", "idle"));
        await agent.Client.InitiateAsync("alpha");
        await agent.Client.InitiateAsync("beta");
        var key = agent.Engine.Config("alpha").Psk;
        string socket = agent.Host.ControlSocketPath;

        await agent.DisposeAsync();

        var calls = agent.Engine.Calls;
        Assert.Equal(["load alpha", "load beta", "load idle", "initiate alpha", "initiate beta"], calls.Take(5));
        Assert.Equal(["terminate alpha", "terminate beta"], calls.Skip(5).Take(2).Order());
        Assert.Equal("dispose", calls[^1]);
        Assert.True(agent.Transport.Disposed);
        Assert.False(File.Exists(socket));
        Assert.True(key.Bytes.IndexOfAnyExcept((byte)0) < 0, "keys are zeroed");
    }

    [Fact]
    public async Task A_peer_that_never_acknowledges_the_delete_does_not_hold_the_stop_past_its_limit()
    {
        var engine = new RecordingEngine { OnTerminate = (_, _) => new TaskCompletionSource().Task }; // never ends, ignores its token
        var agent = await AgentUnderTest.StartAsync(Configs.Minimal("alpha"), engine, shutdownTimeout: TimeSpan.FromMilliseconds(200));
        await agent.Client.InitiateAsync("alpha");

        await agent.Host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("dispose", engine.Calls[^1]);
        agent.Directory.Dispose();
    }

    [Fact]
    public async Task Commands_after_stop_find_no_agent()
    {
        var agent = await AgentUnderTest.StartAsync(Configs.Minimal("alpha"));
        var client = agent.Client;
        await agent.DisposeAsync();

        var error = await Assert.ThrowsAsync<ControlCommandException>(() => client.ListConnectionsAsync());

        Assert.Equal(ControlErrorCodes.Unreachable, error.Code);
    }

    [Fact]
    public async Task Run_serves_until_its_stop_signal_then_terminates_and_exits_zero()
    {
        using var directory = new TempDirectory();
        string config = directory.Write("agent.json", Configs.Minimal("idc"));
        string socket = directory.File("control.sock");
        var engine = new RecordingEngine();
        var factory = new EngineFactory((endpoints, _) => new RecordingTransport(endpoints), (_, _) => engine);
        using var sigterm = new CancellationTokenSource();
        var args = CliArguments.Parse(["--config", config, "--control", socket], RunCommand.ValueOptions, new HashSet<string>());

        var run = RunCommand.RunAsync(args, factory, TextWriter.Null, sigterm.Token, _ => NullLoggerFactory.Instance);
        await Eventually.WaitUntil(() => File.Exists(socket));
        var initiated = await new AgentControlClient(socket).InitiateAsync("idc");
        await sigterm.CancelAsync();
        int exit = await run;

        Assert.True(initiated.Established);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(["load idc", "initiate idc", "terminate idc", "dispose"], engine.Calls);
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task Run_with_an_invalid_config_exits_one_naming_the_error_and_builds_no_engine()
    {
        using var directory = new TempDirectory();
        string config = directory.Write("agent.json", Configs.Minimal("idc").Replace("\"127.0.0.2\"", "\"127.0.0.2.9\""));
        bool built = false;
        var factory = new EngineFactory((endpoints, _) => { built = true; return new RecordingTransport(endpoints); }, (_, _) => new RecordingEngine());
        var error = new StringWriter();

        int exit = await RunCommand.RunAsync(CliArguments.Parse(["--config", config], RunCommand.ValueOptions, new HashSet<string>()),
            factory, error, CancellationToken.None, _ => NullLoggerFactory.Instance);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("line 4: connections[0].remoteAddress: must be the peer's address as a unicast IPv4 address", error.ToString());
        Assert.False(built);
    }
}
