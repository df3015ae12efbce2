using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Engine;

/// <summary>
/// The gateway-agent transport over real queues (Azurite): commands land in their own gateway's queue only, the agent
/// executes them and answers on the results queue, and the PSK crosses without reaching a log line. Each test uses a
/// fresh gateway id, so its command queue is its own; on the shared results queue it takes only its own answers.
/// </summary>
public sealed class QueueTransportTests
{
    readonly CapturingLoggerProvider logs = new();
    readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection([new("ControlPlaneStorage", TestStorage.ConnectionString)]).Build());

    ILogger<T> Log<T>() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)).CreateLogger<T>();

    /// <summary>The transport's queues with the shared ones created, as the agent does when it starts (infra creates them
    /// on Azure); a fresh Azurite has none.</summary>
    async Task<EngineTransportQueues> SharedQueuesAsync()
    {
        var queues = new EngineTransportQueues(storage);
        await queues.EnsureSharedQueuesAsync(default);
        return queues;
    }

    [SkippableFact]
    public async Task Commands_go_to_their_gateways_own_queue_and_return_at_once_with_the_command_id()
    {
        TestStorage.RequireAzurite();
        var queues = await SharedQueuesAsync();
        var engine = new QueueGatewayEngine(queues, Log<QueueGatewayEngine>());
        string gateway = Ids.New("vpn"), other = Ids.New("vpn");
        var addressed = new List<string>();
        engine.GatewayAddressed += addressed.Add;

        var apply = TransportSamples.Apply(gateway);
        var dispatch = await engine.DispatchAsync(apply, default);

        Assert.Null(dispatch.Answer);
        Assert.Equal(apply.CommandId, dispatch.SentCommandId);
        Assert.Equal([gateway], addressed);
        var received = (await (await queues.CommandsAsync(gateway, default)).ReceiveMessagesAsync(10)).Value;
        var message = Assert.Single(received);
        Assert.True(EngineMessageCodec.TryDecodeCommand(message.Body.ToString(), out var decoded, out var error), error);
        Assert.Equal(TransportSamples.Psk, Assert.IsType<ApplyConnectionCommand>(decoded).Spec.Psk);
        Assert.Empty((await (await queues.CommandsAsync(other, default)).ReceiveMessagesAsync(10)).Value);
        Assert.Contains(logs.Lines, l => l.Contains(apply.CommandId));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TransportSamples.Psk));
    }

    [SkippableFact]
    public async Task The_agent_executes_a_command_on_its_engine_and_answers_the_sender()
    {
        TestStorage.RequireAzurite();
        var queues = await SharedQueuesAsync();
        var engine = new RecordingEngine();
        var processor = new GatewayCommandProcessor(queues, engine, Log<GatewayCommandProcessor>());
        string gateway = Ids.New("vpn");
        var apply = TransportSamples.Apply(gateway);

        await processor.HandleAsync(gateway, EngineMessageCodec.Encode(apply), default);

        Assert.Equal(TransportSamples.Psk, Assert.Single(engine.Applied).Psk);
        var answer = await AnswerToAsync(queues, apply.CommandId);
        Assert.True(answer.Accepted);
        Assert.Equal(apply.ReplyTo, answer.ReplyTo);
        Assert.Equal(EngineCommandKinds.Apply, answer.Kind);
        Assert.Equal("applied by the recording engine", answer.Detail);
        Assert.Equal(apply.Spec.Bgp, answer.Bgp);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TransportSamples.Psk));
    }

    [SkippableFact]
    public async Task A_command_in_the_wrong_gateways_queue_is_refused_and_not_executed()
    {
        TestStorage.RequireAzurite();
        var queues = await SharedQueuesAsync();
        var engine = new RecordingEngine();
        var processor = new GatewayCommandProcessor(queues, engine, Log<GatewayCommandProcessor>());
        var apply = TransportSamples.Apply(Ids.New("vpn"));

        await processor.HandleAsync(Ids.New("vpn"), EngineMessageCodec.Encode(apply), default);

        Assert.Empty(engine.Applied);
        var answer = await AnswerToAsync(queues, apply.CommandId);
        Assert.False(answer.Accepted);
        Assert.Contains("not executed", answer.Detail);
    }

    [SkippableFact]
    public async Task An_engine_failure_is_answered_as_a_refusal_with_the_reason_and_a_malformed_command_is_dropped()
    {
        TestStorage.RequireAzurite();
        var queues = await SharedQueuesAsync();
        var processor = new GatewayCommandProcessor(queues, new RecordingEngine { Failure = new IOException("socket gone") }, Log<GatewayCommandProcessor>());
        string gateway = Ids.New("vpn");
        var initiate = new InitiateNegotiationCommand(EngineCommandIds.New(), "ipsec-1-negotiate-1", gateway, "acct-1", "ipsec-1");

        await processor.HandleAsync(gateway, "{\"kind\":\"initiate\",", default);   // dropped, no exception
        await processor.HandleAsync(gateway, EngineMessageCodec.Encode(initiate), default);

        var answer = await AnswerToAsync(queues, initiate.CommandId);
        Assert.False(answer.Accepted);
        Assert.Contains("IOException: socket gone", answer.Detail);
        Assert.Contains(logs.Lines, l => l.Contains("malformed command"));
    }

    [SkippableFact]
    public async Task A_gateway_agent_hosted_in_process_answers_a_query_sent_through_the_queue_engine()
    {
        TestStorage.RequireAzurite();
        string gateway = Ids.New("vpn");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("ControlPlaneStorage", TestStorage.ConnectionString),
            new(EngineTransportServices.AgentGatewayIdKey, gateway),
        ]).Build();
        var answer = await AgentHost.RunAsync(configuration, logs, async () =>
        {
            var queues = new EngineTransportQueues(storage);
            var query = new QueryConnectionCommand(EngineCommandIds.New(), "ipsec-1-watch", gateway, "acct-1", "ipsec-1");
            await new QueueGatewayEngine(queues, Log<QueueGatewayEngine>()).DispatchAsync(query, default);
            return await AnswerToAsync(queues, query.CommandId);
        });

        Assert.True(answer.Accepted);
        Assert.NotNull(answer.State);
        Assert.False(answer.State.Loaded);
    }

    [Fact]
    public void An_agent_without_a_gateway_id_does_not_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(EngineTransportServices.AgentGatewayIdKey, "vpn/../x")]).Build();
        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddGatewayAgent(configuration));
        Assert.Contains(EngineTransportServices.AgentGatewayIdKey, e.Message);
    }

    /// <summary>Takes this test's answer off the shared results queue (others' messages reappear after a second).</summary>
    internal static async Task<EngineCommandResult> AnswerToAsync(EngineTransportQueues queues, string commandId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            foreach (var m in (await queues.Results.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
            {
                if (!EngineMessageCodec.TryDecodeResult(m.Body.ToString(), out var result, out _) || result.CommandId != commandId) continue;
                await queues.Results.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                return result;
            }
        }
        throw new Xunit.Sdk.XunitException($"no answer to command {commandId} on the results queue");
    }

    /// <summary>Records what it was asked to do; fails every call when <see cref="Failure"/> is set.</summary>
    sealed class RecordingEngine : IGatewayEngine
    {
        public List<GatewayConnectionSpec> Applied { get; } = [];
        public Exception? Failure { get; init; }

        public Task<EngineApplyResult> ApplyAsync(GatewayConnectionSpec spec, CancellationToken ct)
        {
            if (Failure is not null) throw Failure;
            Applied.Add(spec);
            return Task.FromResult(new EngineApplyResult(true, "applied by the recording engine", spec.Bgp));
        }

        public Task<EngineApplyResult> InitiateAsync(string accountId, string connectionId, CancellationToken ct) =>
            Failure is not null ? throw Failure : Task.FromResult(new EngineApplyResult(true, "negotiation started"));

        public Task RemoveAsync(string accountId, string connectionId, CancellationToken ct) => Failure is not null ? throw Failure : Task.CompletedTask;

        public Task<EngineConnectionState> QueryAsync(string accountId, string connectionId, CancellationToken ct) =>
            Failure is not null ? throw Failure : Task.FromResult(new EngineConnectionState(false, false, false, null, null, null));
    }
}
