using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Ipsec.ControlPlane.Workflows;
using Ipsec.ControlPlane.Workflows.Activities;
using Microsoft.DurableTask.Protobuf;
using Microsoft.DurableTask.Worker.Grpc;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Workflows;

/// <summary>
/// The create orchestrator driven episode by episode through GrpcOrchestrationRunner, the entry point Azure Functions
/// (isolated) uses to run an orchestrator: checks the decisions, including the failure branch the end-to-end tests
/// cannot reach (an activity that keeps failing marks the connection failed with the reason).
/// </summary>
public sealed class CreateOrchestratorEpisodeTests
{
    static readonly DateTime T0 = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    const string Input = """{"AccountId":"acct-1","ConnectionId":"ipsec-1","Generation":1}""";

    static HistoryEvent Ev(int id, Action<HistoryEvent> set)
    {
        var e = new HistoryEvent { EventId = id, Timestamp = Timestamp.FromDateTime(T0) };
        set(e);
        return e;
    }

    static OrchestratorResponse Run(IEnumerable<HistoryEvent> past, IEnumerable<HistoryEvent> news)
    {
        var request = new OrchestratorRequest { InstanceId = "ipsec-1" };
        request.PastEvents.AddRange(past);
        request.NewEvents.AddRange(news);
        string response = GrpcOrchestrationRunner.LoadAndRun(request.ToByteString().ToBase64(), new CreateConnectionOrchestrator());
        return OrchestratorResponse.Parser.ParseFrom(ByteString.FromBase64(response));
    }

    static List<HistoryEvent> Started() =>
    [
        Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()),
        Ev(-1, e => e.ExecutionStarted = new ExecutionStartedEvent
        {
            Name = nameof(CreateConnectionOrchestrator), Input = Input,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = "ipsec-1", ExecutionId = "e1" },
        }),
    ];

    [Fact]
    public void Steps_run_in_order_secrets_routes_negotiation_active()
    {
        var past = Started();
        var r = Run([], past);
        var first = Assert.Single(r.Actions);
        Assert.Equal(nameof(ProvisionSecretsActivity), first.ScheduleTask.Name);
        Assert.Contains(Input, first.ScheduleTask.Input);   // ids only: no settings or secrets in durable history

        string[] expected = [nameof(ApplyRoutesActivity), nameof(HandOverToNegotiationActivity), nameof(SetProvisioningStateActivity)];
        var current = first;
        foreach (var next in expected)
        {
            past.Add(Ev(current.Id, e => e.TaskScheduled = new TaskScheduledEvent { Name = current.ScheduleTask.Name }));
            string result = current.ScheduleTask.Name == nameof(HandOverToNegotiationActivity) ? """{"Outcome":"ok"}""" : "\"ok\"";
            var completed = Ev(-1, e => e.TaskCompleted = new TaskCompletedEvent { TaskScheduledId = current.Id, Result = result });
            r = Run(past, [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()), completed]);
            past.Add(Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()));
            past.Add(completed);
            current = Assert.Single(r.Actions);
            Assert.Equal(next, current.ScheduleTask.Name);
        }
        Assert.Contains("\"State\":\"active\"", current.ScheduleTask.Input, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_step_that_fails_after_its_retries_marks_the_connection_failed_with_the_reason()
    {
        var past = Started();
        var first = Assert.Single(Run([], past).Actions);
        past.Add(Ev(first.Id, e => e.TaskScheduled = new TaskScheduledEvent { Name = nameof(ProvisionSecretsActivity) }));
        var failed = Ev(-1, e => e.TaskFailed = new TaskFailedEvent
        {
            TaskScheduledId = first.Id,
            FailureDetails = new TaskFailureDetails { ErrorType = "RequestFailedException", ErrorMessage = "storage unavailable" },
        });
        // The retry policy re-schedules first (a durable timer, then the task again); skip to the final failure by
        // answering each retry with the same failure until the orchestrator stops retrying.
        var news = new List<HistoryEvent> { Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()), failed };
        OrchestratorResponse r = Run(past, news);
        for (int guard = 0; guard < 20 && r.Actions.Any(a => a.CreateTimer is not null || a.ScheduleTask?.Name == nameof(ProvisionSecretsActivity)); guard++)
        {
            past.AddRange(news);
            var action = Assert.Single(r.Actions);
            if (action.CreateTimer is not null)
            {
                past.Add(Ev(action.Id, e => e.TimerCreated = new TimerCreatedEvent { FireAt = action.CreateTimer.FireAt }));
                news = [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()),
                        Ev(-1, e => e.TimerFired = new TimerFiredEvent { TimerId = action.Id, FireAt = action.CreateTimer.FireAt })];
            }
            else
            {
                past.Add(Ev(action.Id, e => e.TaskScheduled = new TaskScheduledEvent { Name = nameof(ProvisionSecretsActivity) }));
                news = [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()),
                        Ev(-1, e => e.TaskFailed = new TaskFailedEvent { TaskScheduledId = action.Id, FailureDetails = failed.TaskFailed.FailureDetails })];
            }
            r = Run(past, news);
        }
        var mark = Assert.Single(r.Actions);
        Assert.Equal(nameof(SetProvisioningStateActivity), mark.ScheduleTask.Name);
        Assert.Contains("failed", mark.ScheduleTask.Input, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("storage unavailable", mark.ScheduleTask.Input);
        Assert.Contains(nameof(ProvisionSecretsActivity), mark.ScheduleTask.Input);
    }

    /// <summary>History up to the hand-over being scheduled, and the hand-over action.</summary>
    static (List<HistoryEvent> Past, OrchestratorAction HandOver) UpToHandOver()
    {
        var past = Started();
        var current = Assert.Single(Run([], past).Actions);
        while (current.ScheduleTask.Name != nameof(HandOverToNegotiationActivity))
        {
            past.Add(Ev(current.Id, e => e.TaskScheduled = new TaskScheduledEvent { Name = current.ScheduleTask.Name }));
            var completed = Ev(-1, e => e.TaskCompleted = new TaskCompletedEvent { TaskScheduledId = current.Id, Result = "\"ok\"" });
            var r = Run(past, [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()), completed]);
            past.Add(Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()));
            past.Add(completed);
            current = Assert.Single(r.Actions);
        }
        past.Add(Ev(current.Id, e => e.TaskScheduled = new TaskScheduledEvent { Name = current.ScheduleTask.Name }));
        return (past, current);
    }

    /// <summary>The queue transport: the hand-over says "sent, command c1"; the orchestrator waits for the answer as an
    /// external event (with a durable timer for the timeout) and hands it back to the same activity to record.</summary>
    static (List<HistoryEvent> Past, OrchestratorAction Timer) HandOverSentCommand()
    {
        var (past, handOver) = UpToHandOver();
        var sent = Ev(-1, e => e.TaskCompleted = new TaskCompletedEvent
        {
            TaskScheduledId = handOver.Id, Result = """{"Outcome":"waiting","AwaitCommandId":"c1","AwaitKind":"apply"}""",
        });
        var r = Run(past, [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()), sent]);
        past.Add(Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()));
        past.Add(sent);
        var timer = Assert.Single(r.Actions);
        Assert.NotNull(timer.CreateTimer);   // the wait's timeout: a durable timer, no activity blocking
        Assert.Equal(EngineSteps.AnswerTimeout, timer.CreateTimer.FireAt.ToDateTime() - T0);
        past.Add(Ev(timer.Id, e => e.TimerCreated = new TimerCreatedEvent { FireAt = timer.CreateTimer.FireAt }));
        return (past, timer);
    }

    [Fact]
    public void With_the_queue_transport_the_gateways_answer_arrives_as_an_external_event_and_is_recorded()
    {
        var (past, _) = HandOverSentCommand();
        var answer = Ev(-1, e => e.EventRaised = new EventRaisedEvent
        {
            Name = Ipsec.ControlPlane.Engine.Remote.EngineReplies.EventName("c1"),
            Input = """{"CommandId":"c1","ReplyTo":"ipsec-1","Kind":"apply","Accepted":true,"Detail":"configured in the gateway engine"}""",
        });
        var r = Run(past, [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()), answer]);
        var record = Assert.Single(r.Actions);
        Assert.Equal(nameof(HandOverToNegotiationActivity), record.ScheduleTask.Name);
        Assert.Contains("configured in the gateway engine", record.ScheduleTask.Input);
        Assert.Contains("\"Accepted\":true", record.ScheduleTask.Input);
    }

    [Fact]
    public void An_answer_to_another_command_does_not_end_the_wait()
    {
        var (past, _) = HandOverSentCommand();
        var stray = Ev(-1, e => e.EventRaised = new EventRaisedEvent
        {
            Name = Ipsec.ControlPlane.Engine.Remote.EngineReplies.EventName("c0"),
            Input = """{"CommandId":"c0","ReplyTo":"ipsec-1","Kind":"apply","Accepted":true,"Detail":"an earlier try"}""",
        });
        var r = Run(past, [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()), stray]);
        Assert.Empty(r.Actions);
    }

    [Fact]
    public void When_the_gateway_does_not_answer_in_time_the_step_records_that_and_the_create_goes_on()
    {
        var (past, timer) = HandOverSentCommand();
        var fired = Ev(-1, e => e.TimerFired = new TimerFiredEvent { TimerId = timer.Id, FireAt = timer.CreateTimer.FireAt });
        var r = Run(past, [Ev(-1, e => e.OrchestratorStarted = new OrchestratorStartedEvent()), fired]);
        var record = Assert.Single(r.Actions);
        Assert.Equal(nameof(HandOverToNegotiationActivity), record.ScheduleTask.Name);
        Assert.Contains("did not answer within 60 s", record.ScheduleTask.Input);
        Assert.Contains("\"Accepted\":false", record.ScheduleTask.Input);
    }
}
