using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ike.Agent.Control;
using Ike.Agent.Tests.TestSupport;
using Ike.Engine.Api;

namespace Ike.Agent.Tests.Control;

/// <summary>The control protocol end to end: a real agent host with its real Unix socket, driven through
/// <see cref="Client.AgentControlClient"/> or raw lines, over a <see cref="RecordingEngine"/>.</summary>
public class ControlRoundTripTests
{
    [Fact]
    public async Task The_agent_loads_the_files_connections_into_the_engine_on_the_configured_endpoints()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);

        Assert.Equal(["load idc"], agent.Engine.Calls);
        Assert.Equal(["127.0.0.1:15500", "127.0.0.1:14500"], agent.Transport.LocalEndpoints.Select(e => e.ToString()));
        var connection = Assert.Single(await agent.Client.ListConnectionsAsync());
        Assert.Equal("idc", connection.Name);
        Assert.Equal("aes256/sha256/group14", connection.IkeProposal);
        Assert.Equal("aes/sha1", connection.IpsecProposal);
        Assert.Equal(["10.1.0.0/24", "10.2.0.0/16"], connection.RemoteSubnets);
        Assert.Equal("immediately", connection.StartAction);
    }

    [Fact]
    public async Task The_socket_is_private_to_the_agents_user()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(agent.Host.ControlSocketPath));
    }

    [Fact]
    public async Task Initiate_list_sas_probe_and_terminate_reach_the_engine_and_come_back()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);

        var initiated = await agent.Client.InitiateAsync("idc", TimeSpan.FromSeconds(20));
        var sas = await agent.Client.ListSasAsync();
        var probe = await agent.Client.ProbeAsync("idc", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.1.0.1"), TimeSpan.FromSeconds(2));
        var terminated = await agent.Client.TerminateAsync("idc");
        var after = await agent.Client.ListSasAsync();

        Assert.True(initiated.Established);
        Assert.Null(initiated.Failure);
        var sa = Assert.Single(sas);
        Assert.Equal(("idc", "ESTABLISHED", "IKEv2", "0123456789abcdef", "fedcba9876543210"), (sa.Connection, sa.State, sa.Version, sa.InitiatorSpi, sa.ResponderSpi));
        Assert.Equal(("127.0.0.1:15500", "127.0.0.2:25500", "aes256/sha256/prfsha256/modp2048"), (sa.Local, sa.Remote, sa.Algorithms));
        var child = Assert.Single(sa.Children);
        Assert.Equal(("c7a6e3f9", "0000b0a1", "aes128/sha256", 840L, 15L), (child.InboundSpi, child.OutboundSpi, child.Algorithms, child.BytesIn, child.PacketsOut));
        Assert.Equal((true, 1.25, "echo reply seq 1", "10.0.0.1", "10.1.0.1"), (probe.Replied, probe.RoundTripMs!.Value, probe.Detail, probe.From, probe.To));
        Assert.Equal("idc", terminated.Connection);
        Assert.Empty(after);
        Assert.Equal(["load idc", "initiate idc", "probe idc 10.0.0.1 10.1.0.1 2s", "terminate idc"], agent.Engine.Calls);
    }

    [Fact]
    public async Task A_failed_negotiation_is_a_result_carrying_the_engines_diagnostic()
    {
        var engine = new RecordingEngine
        {
            OnInitiate = (_, _) => Task.FromResult(new NegotiationResult(false, new NegotiationDiagnostic(
                "IKE_SA_INIT", "peer", "NO_PROPOSAL_CHOSEN",
                "IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048"))),
        };
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full, engine);

        var result = await agent.Client.InitiateAsync("idc");

        Assert.False(result.Established);
        Assert.Equal(("IKE_SA_INIT", "peer", "NO_PROPOSAL_CHOSEN"), (result.Failure!.Exchange, result.Failure.Side, result.Failure.Reason));
        Assert.Contains("we accept aes/sha256/modp2048", result.Failure.Message);
    }

    [Fact]
    public async Task Commands_for_an_unknown_connection_are_refused_without_reaching_the_engine()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);

        var initiate = await Assert.ThrowsAsync<ControlCommandException>(() => agent.Client.InitiateAsync("nope"));
        var probe = await Assert.ThrowsAsync<ControlCommandException>(() => agent.Client.ProbeAsync("nope", IPAddress.Loopback, IPAddress.Loopback));
        var list = await Assert.ThrowsAsync<ControlCommandException>(() => agent.Client.ListSasAsync("nope"));

        Assert.All([initiate, probe, list], e => Assert.Equal(ControlErrorCodes.UnknownConnection, e.Code));
        Assert.Equal("no connection named \"nope\" is loaded", initiate.Message);
        Assert.Equal(["load idc"], agent.Engine.Calls);
    }

    [Fact]
    public async Task A_command_that_outlives_its_time_limit_is_answered_with_timeout_and_the_session_goes_on()
    {
        var never = new TaskCompletionSource<NegotiationResult>();
        var engine = new RecordingEngine { OnInitiate = (_, _) => never.Task }; // ignores its token, the worst case
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full, engine);

        var error = await Assert.ThrowsAsync<ControlCommandException>(() => agent.Client.InitiateAsync("idc", TimeSpan.FromMilliseconds(100)));

        Assert.Equal(ControlErrorCodes.Timeout, error.Code);
        Assert.Equal("initiate did not finish within 0.1 s; what the engine started goes on", error.Message);
        Assert.Single(await agent.Client.ListConnectionsAsync());
    }

    [Fact]
    public async Task An_engine_exception_is_an_engine_error_not_a_crash()
    {
        var engine = new RecordingEngine { OnTerminate = (_, _) => throw new InvalidOperationException("transport closed") };
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full, engine);

        var error = await Assert.ThrowsAsync<ControlCommandException>(() => agent.Client.TerminateAsync("idc"));

        Assert.Equal((ControlErrorCodes.EngineError, "transport closed"), (error.Code, error.Message));
        Assert.Single(await agent.Client.ListConnectionsAsync());
    }

    [Fact]
    public async Task Malformed_lines_on_one_connection_are_each_answered_and_the_connection_stays_usable()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);
        using var raw = await RawClient.ConnectAsync(agent.Host.ControlSocketPath);

        string[] answers =
        [
            await raw.AskAsync("{\"command\":"),
            await raw.AskAsync("\u0001\u0002garbage"),
            await raw.AskAsync("{\"command\":\"format-disk\"}"),
            await raw.AskAsync("{\"command\":\"list-conns\"}"),
        ];

        Assert.StartsWith("{\"ok\":false,\"error\":{\"code\":\"bad-request\",\"message\":\"the request is not valid JSON", answers[0]);
        Assert.StartsWith("{\"ok\":false,\"error\":{\"code\":\"bad-request\"", answers[1]);
        Assert.StartsWith("{\"ok\":false,\"error\":{\"code\":\"unknown-command\"", answers[2]);
        Assert.StartsWith("{\"ok\":true,\"result\":[{\"name\":\"idc\",", answers[3]);
    }

    [Fact]
    public async Task An_over_long_line_is_answered_and_the_connection_closed_while_the_agent_keeps_serving()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);
        using var raw = await RawClient.ConnectAsync(agent.Host.ControlSocketPath);

        string answer = await raw.AskAsync("{\"command\":\"load\",\"pad\":\"" + new string('x', ControlProtocol.MaxLineBytes) + "\"}");

        using var document = JsonDocument.Parse(answer);
        Assert.Equal("line-too-long", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        // Closed: end of stream, or a reset since the agent did not read the rest of the line (unix(7) stream sockets).
        Assert.Null(await ReadOrReset(raw));
        Assert.Single(await agent.Client.ListConnectionsAsync());
    }

    [Fact]
    public async Task Watch_relays_engine_events_until_the_client_leaves()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);
        using var cancel = new CancellationTokenSource();
        await using var events = agent.Client.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = events.MoveNextAsync().AsTask();
        await Eventually.WaitUntil(() => agent.Host.Watchers == 1);

        var at = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
        agent.Engine.Raise(new EngineEvent("idc", EngineEventType.IkeSaEstablished, "IKE SA established", at));
        agent.Engine.Raise(new EngineEvent("idc", EngineEventType.NegotiationFailed, "CHILD SA failed", at,
            new NegotiationDiagnostic("CREATE_CHILD_SA", "peer", "TS_UNACCEPTABLE", "CREATE_CHILD_SA: TS_UNACCEPTABLE — peer wants 10.9.0.0/24")));

        Assert.True(await first);
        Assert.Equal(("idc", "IkeSaEstablished", "IKE SA established", at), (events.Current.Connection, events.Current.Type, events.Current.Detail, events.Current.At));
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(("NegotiationFailed", "TS_UNACCEPTABLE"), (events.Current.Type, events.Current.Diagnostic!.Reason));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());
        await events.DisposeAsync();
        await Eventually.WaitUntil(() => agent.Host.Watchers == 0);
    }

    [Fact]
    public async Task Load_adds_replaces_removes_and_leaves_unchanged_connections_alone()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Minimal("keep", "change", "drop"));
        var keptKey = agent.Engine.Config("keep").Psk;
        var changedKey = agent.Engine.Config("change").Psk;
        agent.Rewrite(Configs.Minimal("keep", "change", "fresh").Replace(
            "{ \"name\": \"change\", \"remoteAddress\": \"127.0.0.2\"", "{ \"name\": \"change\", \"remoteAddress\": \"127.0.0.3\""));

        var report = await agent.Client.LoadAsync();

        Assert.Equal(["fresh"], report.Added);
        Assert.Equal(["change"], report.Replaced);
        Assert.Equal(["drop"], report.Removed);
        Assert.Equal(["keep"], report.Unchanged);
        Assert.Empty(report.Failed);
        Assert.Equal(["load keep", "load change", "load drop", "unload drop", "load change", "load fresh"], agent.Engine.Calls);
        Assert.Equal("127.0.0.3:500", agent.Engine.Config("change").RemoteEndpoint.ToString());
        Assert.Same(keptKey, agent.Engine.Config("keep").Psk);
        Assert.True(IsZero(changedKey.Bytes), "the replaced connection's old key is zeroed");
        Assert.False(IsZero(keptKey.Bytes));
    }

    [Fact]
    public async Task A_changed_psk_alone_replaces_the_connection()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Minimal("idc"));
        agent.Rewrite(Configs.Minimal("idc").Replace(Configs.Psk, "another-key"));

        var report = await agent.Client.LoadAsync();

        Assert.Equal(["idc"], report.Replaced);
        Assert.Equal("another-key", System.Text.Encoding.UTF8.GetString(agent.Engine.Config("idc").Psk.Bytes));
    }

    [Fact]
    public async Task Load_of_an_invalid_file_changes_nothing_and_says_why_with_lines()
    {
        await using var agent = await AgentUnderTest.StartAsync(Configs.Full);
        agent.Rewrite(Configs.Full.Replace("\"group14\"", "\"group19\""));

        var error = await Assert.ThrowsAsync<ControlCommandException>(() => agent.Client.LoadAsync());

        Assert.Equal(ControlErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("line 18: connections[0].ikeConfig.ikePfs: must be one of group1", error.Message);
        Assert.EndsWith("nothing was changed", error.Message);
        Assert.Equal(["load idc"], agent.Engine.Calls);
    }

    [Fact]
    public async Task A_connection_the_engine_refuses_is_reported_and_the_others_still_load()
    {
        var engine = new RecordingEngine { Refuse = "legacy" };
        await using var agent = await AgentUnderTest.StartAsync(Configs.Minimal("idc"), engine);
        agent.Rewrite(Configs.Minimal("idc", "legacy", "new"));

        var report = await agent.Client.LoadAsync();

        var failure = Assert.Single(report.Failed);
        Assert.Equal(("legacy", "legacy: IKEv1 is not supported yet"), (failure.Name, failure.Message));
        Assert.Equal(["new"], report.Added);
        Assert.Equal(["idc", "new"], (await agent.Client.ListConnectionsAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced_but_a_live_agents_socket_or_another_file_is_not()
    {
        await using var first = await AgentUnderTest.StartAsync(Configs.Full);
        string configPath = first.ConfigPath;

        var live = await Assert.ThrowsAsync<IOException>(() => StartSecondAgent(configPath, first.Host.ControlSocketPath));
        Assert.Equal($"another agent is listening on {first.Host.ControlSocketPath}", live.Message);

        string notASocket = first.Directory.Write("agent-copy.json", "{}");
        var other = await Assert.ThrowsAsync<IOException>(() => StartSecondAgent(configPath, notASocket));
        Assert.Contains("is not a socket; refusing to replace it", other.Message);
        Assert.Equal("{}", File.ReadAllText(notASocket));

        string stale = first.Directory.File("stale.sock");
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            dead.Bind(new UnixDomainSocketEndPoint(stale));
        await using var second = await StartSecondAgent(configPath, stale);
        Assert.Single(await new Ike.Agent.Client.AgentControlClient(stale).ListConnectionsAsync());
    }

    private static async Task<Ike.Agent.Hosting.AgentHost> StartSecondAgent(string configPath, string socket)
    {
        var engine = new RecordingEngine();
        var factory = new Ike.Agent.Hosting.EngineFactory((endpoints, _) => new RecordingTransport(endpoints), (_, _) => engine);
        return await Ike.Agent.Hosting.AgentHost.StartAsync(new Ike.Agent.Hosting.AgentHostOptions(configPath) { ControlSocket = socket },
            factory, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
    }

    private static async Task<string?> ReadOrReset(RawClient raw)
    {
        try
        {
            return await raw.ReadLineAsync();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>A client that writes raw lines, for what AgentControlClient would never send.</summary>
    private sealed class RawClient : IDisposable
    {
        private readonly NetworkStream stream;
        private readonly StreamReader reader;

        private RawClient(NetworkStream stream)
        {
            this.stream = stream;
            reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        }

        public static async Task<RawClient> ConnectAsync(string path)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
            return new RawClient(new NetworkStream(socket, ownsSocket: true));
        }

        public async Task<string> AskAsync(string line)
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
            return await ReadLineAsync() ?? throw new IOException("closed");
        }

        public async Task<string?> ReadLineAsync() => await reader.ReadLineAsync();

        public void Dispose()
        {
            reader.Dispose();
            stream.Dispose();
        }
    }
}
