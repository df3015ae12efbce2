using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V2;
using Ike.Engine.Timing;
using Microsoft.Extensions.Logging;

namespace Ike.Engine.Sa;

/// <summary>
/// Owns the message IDs, the request and response windows (one request outstanding each way, RFC 7296 §2.3), the
/// retransmission of our requests with backoff and a bounded number of tries (§2.1, §2.4), the cached last response for
/// retransmitted requests (§2.2), and the order of queued exchanges (strongSwan's task_manager_v2).
/// </summary>
internal sealed class TaskManager : IDisposable
{
    private readonly IkeSa _sa;
    private readonly LinkedList<PlannedExchange> _queued = new();
    private uint _nextRequestId;
    private uint _expectedRequestId;
    private byte[]? _followedInitAnswer;

    public TaskManager(IkeSa sa) => _sa = sa;

    /// <summary>The exchange we initiated and wait an answer for, if any.</summary>
    public InitiatingExchange? Active { get; private set; }

    public CachedResponse? LastResponse { get; private set; }

    public IEnumerable<PlannedExchange> Queued => _queued;

    public bool IsIdle => Active is null && _queued.Count == 0;

    /// <summary>Message IDs continue from these after an IKE rekey starts a new SA at zero (§2.18: new SA, new IDs).</summary>
    public uint NextRequestId => _nextRequestId;

    public uint ExpectedRequestId => _expectedRequestId;

    private ISaHost Host => _sa.Host;

    private ILogger Log => Host.Services.Log;

    /// <summary>Queues an exchange; it starts when nothing else of ours is outstanding.</summary>
    public void Queue(ExchangeType type, params IIkeTask[] tasks) => Queue(type, Host.Services.Timing, tasks);

    public void Queue(ExchangeType type, IkeTimingOptions timing, params IIkeTask[] tasks) =>
        _queued.AddLast(new PlannedExchange(type, tasks, timing));

    /// <summary>True when an exchange with a task of this type is queued or outstanding.</summary>
    public bool HasTask(Func<IIkeTask, bool> match) =>
        (Active?.Tasks.Any(match) ?? false) || _queued.Any(plan => plan.Tasks.Any(match));

    /// <summary>Drops queued (not yet sent) exchanges, e.g. when the SA is about to be deleted.</summary>
    public void ClearQueue(Func<PlannedExchange, bool> which)
    {
        for (LinkedListNode<PlannedExchange>? node = _queued.First; node is not null;)
        {
            LinkedListNode<PlannedExchange>? next = node.Next;
            if (which(node.Value))
            {
                _queued.Remove(node);
                End(node.Value.Tasks);
            }

            node = next;
        }
    }

    /// <summary>Starts the next queued exchange when the window is free and the SA's state allows it.</summary>
    public void Initiate()
    {
        while (Active is null && _queued.First is { } first && CanStart(first.Value.Type))
        {
            _queued.RemoveFirst();
            Start(first.Value);
        }
    }

    /// <summary>Handles an authenticated (or, for IKE_SA_INIT, well-formed) message for this SA.</summary>
    public void OnMessage(IkeMessage message)
    {
        if (message.IsResponse)
        {
            OnResponse(message);
        }
        else
        {
            OnRequest(message);
        }
    }

    public void Dispose()
    {
        Active?.RetransmitTimer?.Dispose();
        // tasks that never finished may still hold a Diffie-Hellman private value or a reserved SPI
        End((Active?.Tasks ?? []).Concat(_queued.SelectMany(plan => plan.Tasks)));

        Active = null;
        _queued.Clear();
    }

    /// <summary>An exchange is over for these tasks: they give back what they still hold (DH private values, reserved
    /// SPIs). Tasks of an exchange that goes again (NeedMore) are not over.</summary>
    private static void End(IEnumerable<IIkeTask> tasks)
    {
        foreach (IDisposable task in tasks.OfType<IDisposable>())
        {
            task.Dispose();
        }
    }

    private bool CanStart(ExchangeType type) => _sa.State switch
    {
        IkeSaState.Created or IkeSaState.Connecting => type is ExchangeType.IkeSaInit or ExchangeType.IkeAuth,
        IkeSaState.Established or IkeSaState.Rekeying => true,
        // a rekeyed or deleting SA only carries the Delete that ends it (§2.18: the old SA is deleted over itself)
        IkeSaState.Rekeyed or IkeSaState.Deleting or IkeSaState.Passive => type == ExchangeType.Informational,
        _ => false,
    };

    private void Start(PlannedExchange plan)
    {
        var builder = new MessageBuilder(plan.Type, isResponse: false);
        foreach (IIkeTask task in plan.Tasks)
        {
            TaskStatus status = task.Build(builder);
            if (status is TaskStatus.Failed or TaskStatus.DestroySa)
            {
                Log.LogWarning("{Sa}: building {Exchange} failed in {Task}", _sa.Describe(), plan.Type, task.Type);
                End(plan.Tasks);
                Finish(plan.Tasks, [status], plan.Type);
                return;
            }
        }

        uint messageId = plan.Type == ExchangeType.IkeSaInit ? 0 : _nextRequestId;
        IkeMessage message = builder.ToMessage(_sa.InitiatorSpi, _sa.ResponderSpi, _sa.IsOriginalInitiator, messageId);
        byte[] packet = IkeMessageCodec.Encode(message, plan.Type == ExchangeType.IkeSaInit ? null : _sa.Outbound);
        if (plan.Type == ExchangeType.IkeSaInit)
        {
            _sa.InitRequest = packet;
        }

        var exchange = new InitiatingExchange(plan, messageId, packet);
        Active = exchange;
        EngineLog.RequestSent(Log, _sa.Describe(), Diagnostics.Diagnostics.ExchangeName(plan.Type), messageId, packet.Length);
        Host.Send(_sa, packet);
        ArmRetransmit(exchange);
    }

    private void ArmRetransmit(InitiatingExchange exchange)
    {
        exchange.RetransmitTimer?.Dispose();
        TimeSpan delay = Retransmission.Delay(exchange.Plan.Timing, exchange.Retransmits);
        exchange.RetransmitTimer = Host.Schedule(delay, () => OnRetransmitExpired(exchange));
    }

    /// <summary>§2.1/§2.4: resend the identical request with growing waits; after the last try the peer is gone.</summary>
    private void OnRetransmitExpired(InitiatingExchange exchange)
    {
        if (!ReferenceEquals(Active, exchange) || _sa.State == IkeSaState.Destroyed)
        {
            return;
        }

        if (exchange.Retransmits >= exchange.Plan.Timing.RetransmitTries)
        {
            Active = null;
            End(exchange.Tasks);
            NegotiationDiagnostic timeout = Diagnostics.Diagnostics.Timeout(exchange.Type, _sa.Remote.ToString(), exchange.Retransmits);
            EngineLog.ExchangeTimedOut(Log, _sa.Describe(), timeout.Message);
            bool wasUp = _sa.State is IkeSaState.Established or IkeSaState.Rekeying or IkeSaState.Rekeyed or IkeSaState.Deleting;
            bool deleting = _sa.State is IkeSaState.Deleting or IkeSaState.Rekeyed or IkeSaState.Passive;
            Host.Destroy(_sa, deleting ? null : timeout,
                deleting ? EngineEventType.IkeSaDeleted : wasUp ? EngineEventType.PeerDead : EngineEventType.NegotiationFailed);
            return;
        }

        exchange.Retransmits++;
        EngineLog.Retransmitting(Log, _sa.Describe(), Diagnostics.Diagnostics.ExchangeName(exchange.Type), exchange.MessageId, exchange.Retransmits);
        Host.Send(_sa, exchange.Packet);
        ArmRetransmit(exchange);
    }

    private void OnResponse(IkeMessage response)
    {
        InitiatingExchange? exchange = Active;
        if (exchange is null || response.MessageId != exchange.MessageId || response.ExchangeType != exchange.Type)
        {
            // §2.3: a response to nothing outstanding (late retransmission, forgery past the ICV is impossible) is dropped
            EngineLog.UnexpectedResponse(Log, _sa.Describe(), response.MessageId, response.ExchangeType.ToString());
            return;
        }

        if (exchange.Type == ExchangeType.IkeSaInit && _followedInitAnswer is not null && response.RawBytes.Span.SequenceEqual(_followedInitAnswer))
        {
            // every IKE_SA_INIT answer has Message ID 0: a second copy of the N(COOKIE) or N(INVALID_KE_PAYLOAD) we
            // already followed is not an answer to our retry (following it again would send yet another request,
            // and the responder would check AUTH against the wrong RealMessage1, §2.15)
            EngineLog.UnexpectedResponse(Log, _sa.Describe(), response.MessageId, "duplicate IKE_SA_INIT answer");
            return;
        }

        exchange.RetransmitTimer?.Dispose();
        Active = null;
        // the exchange is complete: the next request gets the next ID even when a task starts it while processing
        // (an IKE rekey queues the Delete of the old SA from inside its Process)
        if (exchange.Type != ExchangeType.IkeSaInit)
        {
            _nextRequestId++;
        }

        var statuses = new List<TaskStatus>(exchange.Tasks.Count);
        foreach (IIkeTask task in exchange.Tasks)
        {
            TaskStatus status = task.Process(response);
            statuses.Add(status);
            if (status == TaskStatus.DestroySa)
            {
                break;
            }
        }

        if (exchange.Type == ExchangeType.IkeSaInit && !statuses.Contains(TaskStatus.NeedMore))
        {
            // IKE_SA_INIT used ID 0; IKE_AUTH is 1 (§1.2). A retried IKE_SA_INIT (COOKIE, INVALID_KE) is 0 again.
            _nextRequestId = 1;
        }

        if (statuses.Contains(TaskStatus.NeedMore) && !statuses.Contains(TaskStatus.DestroySa))
        {
            if (exchange.Type == ExchangeType.IkeSaInit)
            {
                _followedInitAnswer = response.RawBytes.ToArray();
            }

            // the same tasks go again, first in line (they kept what they learned, e.g. the cookie or the group)
            _queued.AddFirst(exchange.Plan);
        }
        else
        {
            End(exchange.Tasks);
        }

        Finish(exchange.Tasks, statuses, exchange.Type);
        if (_sa.State != IkeSaState.Destroyed)
        {
            Initiate();
        }
    }

    private void OnRequest(IkeMessage request)
    {
        if (request.MessageId != _expectedRequestId)
        {
            if (LastResponse is { } cached && request.MessageId == cached.MessageId)
            {
                // §2.2: a retransmitted request gets the same response again, without processing it twice
                EngineLog.ResendingResponse(Log, _sa.Describe(), request.MessageId);
                Host.Send(_sa, cached.Packet);
            }
            else
            {
                EngineLog.UnexpectedRequest(Log, _sa.Describe(), request.MessageId, _expectedRequestId);
            }

            return;
        }

        IReadOnlyList<IIkeTask> tasks = ResponderTasks.Create(_sa, request);
        var processed = new List<IIkeTask>(tasks.Count);
        var statuses = new List<TaskStatus>(tasks.Count);
        foreach (IIkeTask task in tasks)
        {
            TaskStatus status = task.Process(request);
            statuses.Add(status);
            if (status == TaskStatus.DestroySa)
            {
                // the response carries this task's error alone (§2.21.2), nothing of the tasks that did not run
                processed.Clear();
                processed.Add(task);
                break;
            }

            processed.Add(task);
        }

        var builder = new MessageBuilder(request.ExchangeType, isResponse: true);
        foreach (IIkeTask task in processed)
        {
            task.Build(builder);
        }

        IkeMessage response = builder.ToMessage(_sa.InitiatorSpi, _sa.ResponderSpi, _sa.IsOriginalInitiator, request.MessageId);
        // an IKE_SA_INIT answer goes in clear, everything later inside SK (§3.14)
        byte[] packet = IkeMessageCodec.Encode(response, request.ExchangeType == ExchangeType.IkeSaInit ? null : _sa.Outbound);
        if (request.ExchangeType == ExchangeType.IkeSaInit)
        {
            _sa.InitResponse = packet;
        }

        LastResponse = new CachedResponse(request.MessageId, packet);
        _expectedRequestId++;
        foreach (IIkeTask task in processed)
        {
            (task as IAfterResponse)?.AfterResponseSent();
        }

        End(tasks);
        // outcomes (events, a destroyed SA) are settled before the answer leaves: whoever learns the result from the
        // peer finds our side already recorded; our own next request follows the answer
        Finish(processed, statuses, request.ExchangeType);
        EngineLog.ResponseSent(Log, _sa.Describe(), Diagnostics.Diagnostics.ExchangeName(request.ExchangeType), request.MessageId, packet.Length);
        Host.Send(_sa, packet);
        if (_sa.State != IkeSaState.Destroyed)
        {
            Initiate();
        }
    }

    /// <summary>
    /// Answers the request with this header with one error notify (INVALID_SYNTAX, UNSUPPORTED_CRITICAL_PAYLOAD) when it
    /// is the request we expect next; it then counts as answered (§2.21.2), so its retransmission gets the same answer.
    /// </summary>
    public void RespondWithError(IkeHeader request, NotifyType error)
    {
        if (request.MessageId != _expectedRequestId)
        {
            if (LastResponse is { } cached && request.MessageId == cached.MessageId)
            {
                Host.Send(_sa, cached.Packet);
            }

            return;
        }

        var builder = new MessageBuilder(request.ExchangeType, isResponse: true);
        builder.Add(Ike.Encoding.V2.Payloads.NotifyPayload.Create(error));
        IkeMessage response = builder.ToMessage(_sa.InitiatorSpi, _sa.ResponderSpi, _sa.IsOriginalInitiator, request.MessageId);
        byte[] packet = IkeMessageCodec.Encode(response, _sa.Outbound);
        LastResponse = new CachedResponse(request.MessageId, packet);
        _expectedRequestId++;
        EngineLog.ResponseSent(Log, _sa.Describe(), Diagnostics.Diagnostics.NotifyName(error), request.MessageId, packet.Length);
        Host.Send(_sa, packet);
    }

    /// <summary>Reports what the exchange's tasks ended with: failures become events, waiters learn the outcome,
    /// and a task that ends the SA ends it.</summary>
    private void Finish(IReadOnlyList<IIkeTask> tasks, IReadOnlyList<TaskStatus> statuses, ExchangeType type)
    {
        for (int i = 0; i < statuses.Count && i < tasks.Count; i++)
        {
            IIkeTask task = tasks[i];
            switch (statuses[i])
            {
                case TaskStatus.Failed when task.Failure is { } failure:
                    EngineLog.NegotiationFailed(Log, _sa.Describe(), failure.Message);
                    _sa.Failure ??= failure;
                    Host.Raise(_sa, EngineEventType.NegotiationFailed, failure.Message, failure);
                    break;
                case TaskStatus.DestroySa:
                    NegotiationDiagnostic? diagnostic = task.Failure;
                    if (diagnostic is not null)
                    {
                        EngineLog.NegotiationFailed(Log, _sa.Describe(), diagnostic.Message);
                    }

                    Host.Destroy(_sa, diagnostic, diagnostic is null ? EngineEventType.IkeSaDeleted : EngineEventType.NegotiationFailed);
                    return;
            }
        }

        // a waiting initiate learns the outcome once IKE_AUTH (or the CREATE_CHILD_SA asking for a CHILD SA over an
        // existing IKE SA) is done: the CHILD SA is up, or why not
        if (type is ExchangeType.IkeAuth or ExchangeType.CreateChildSa && _sa.EstablishmentWaiters.Count > 0
            && (_sa.Children.Count > 0 || statuses.Contains(TaskStatus.Failed) || type == ExchangeType.IkeAuth))
        {
            NegotiationResult result = _sa.Children.Count > 0
                ? NegotiationResult.Success
                : new NegotiationResult(false, _sa.Failure ?? Diagnostics.Diagnostics.LocalFailure(type, "NO_CHILD_SA", "the IKE SA is up but no CHILD SA was installed"));
            foreach (Action<NegotiationResult> waiter in _sa.EstablishmentWaiters)
            {
                waiter(result);
            }

            _sa.EstablishmentWaiters.Clear();
        }
    }
}

/// <summary>A responder task with something to do once its response is final (encoded and cached; it leaves right
/// after, nothing else runs in between): e.g. an IKE rekey moves the CHILD SAs to the new IKE SA only once the answer
/// that creates it is certain.</summary>
internal interface IAfterResponse
{
    void AfterResponseSent();
}
