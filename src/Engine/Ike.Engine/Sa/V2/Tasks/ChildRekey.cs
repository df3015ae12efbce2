using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Diagnostics;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// Rekeying a CHILD SA (RFC 7296 §1.3.3, §2.8): a new pair made with CREATE_CHILD_SA carrying N(REKEY_SA) with the
/// inbound SPI of the pair it replaces, then a Delete of the old pair by the rekey's initiator.
/// <code>
/// HDR, SK {N(REKEY_SA), SA, Ni, [KEi,] TSi, TSr}  -->
///                                           &lt;--  HDR, SK {SA, Nr, [KEr,] TSi, TSr}
/// HDR, SK {D(ESP, old inbound SPI)}            -->
/// </code>
/// Simultaneous rekeying (§2.8.1): when the peer's rekey of the same pair arrives while ours is outstanding, both
/// exchanges complete and "the SA created with the lowest of the four nonces ... SHOULD be deleted by the endpoint
/// that created it": if the lowest nonce is in our exchange we delete the pair we made and leave the old one to the
/// peer; otherwise we delete the old pair and the peer deletes its redundant one.
/// </summary>
internal sealed class ChildRekey : IIkeTask, IDisposable
{
    private readonly IkeSa _sa;
    private readonly ChildSa _old;
    private readonly ChildCreate _create;
    private ChildCreate? _collidingPeerExchange;

    private ChildRekey(IkeSa sa, ChildSa old, ChildCreate create)
    {
        _sa = sa;
        _old = old;
        _create = create;
    }

    public IkeTaskType Type => IkeTaskType.ChildRekey;

    public NegotiationDiagnostic? Failure => _create.Failure;

    /// <summary>The pair being rekeyed.</summary>
    public ChildSa Old => _old;

    public static ChildRekey ForInitiator(IkeSa sa, ChildSa old) =>
        new(sa, old, ChildCreate.ForInitiator(sa, inIkeAuth: false, rekeyOf: old));

    /// <summary>The responder's side: finds the pair N(REKEY_SA) names (our outbound SPI is the peer's inbound one)
    /// and refuses as §2.25 says when it is gone or already being replaced.</summary>
    public static IIkeTask ForResponder(IkeSa sa, NotifyPayload rekeySa)
    {
        rekeySa.TryGetChildSpi(out uint peerInboundSpi);
        ChildSa? old = sa.Children.FirstOrDefault(c => c.OutboundSpi == peerInboundSpi);
        ChildCreate create = ChildCreate.ForResponder(sa, inIkeAuth: false, rekeyOf: old);
        if (old is null || old.State is ChildSaState.Deleted)
        {
            // §2.25: "CHILD_SA_NOT_FOUND ... the SPI in the REKEY_SA notify does not match a CHILD SA"
            create.Refusal = NotifyPayload.ForChildSa(NotifyType.ChildSaNotFound, IpsecProtocolId.Esp, peerInboundSpi);
            return create;
        }

        if (old.State is ChildSaState.Rekeyed or ChildSaState.Deleting)
        {
            // §2.25.1: a request to rekey a CHILD SA we are closing gets TEMPORARY_FAILURE
            create.Refusal = NotifyPayload.Create(NotifyType.TemporaryFailure);
            return create;
        }

        if (sa.Tasks.Active?.Tasks.OfType<ChildRekey>().FirstOrDefault(t => ReferenceEquals(t._old, old)) is { } ours)
        {
            // §2.8.1: both ends rekey the same pair; answer normally and let our own exchange decide who deletes what
            ours._collidingPeerExchange = create;
            EngineLog.Collision(sa.Host.Services.Log, sa.Describe(), $"simultaneous rekey of {old}");
        }
        else
        {
            return new ResponderRekey(sa, create, old);
        }

        return create;
    }

    public TaskStatus Build(MessageBuilder message)
    {
        if (_old.State is not (ChildSaState.Installed or ChildSaState.Rekeying) || !_sa.Children.Contains(_old))
        {
            // deleted meanwhile (by the peer or its lifetime): nothing left to rekey
            return TaskStatus.Failed;
        }

        _old.State = ChildSaState.Rekeying;
        message.Add(NotifyPayload.ForChildSa(NotifyType.RekeySa, IpsecProtocolId.Esp, _old.InboundSpi));
        return _create.Build(message);
    }

    public TaskStatus Process(IkeMessage message)
    {
        TaskStatus status = _create.Process(message);
        if (status == TaskStatus.NeedMore)
        {
            return status;
        }

        if (status != TaskStatus.Done || _create.Created is not { } created)
        {
            // try again later (a TEMPORARY_FAILURE peer, a refused proposal): the old pair stays in use until it expires
            if (_old.State == ChildSaState.Rekeying)
            {
                _old.State = ChildSaState.Installed;
            }

            _sa.Host.ScheduleChildRekeyRetry(_sa, _old);
            return status;
        }

        if (_collidingPeerExchange is { Created: { } peers } peerExchange)
        {
            byte[] lowest = Lowest(_create.ExchangeNonceInitiator, _create.ExchangeNonceResponder,
                peerExchange.ExchangeNonceInitiator, peerExchange.ExchangeNonceResponder);
            bool weLost = ReferenceEquals(lowest, _create.ExchangeNonceInitiator) || ReferenceEquals(lowest, _create.ExchangeNonceResponder);
            if (weLost)
            {
                // our pair is the redundant one: delete it; the peer deletes the old one
                EngineLog.Collision(_sa.Host.Services.Log, _sa.Describe(), $"lost the rekey collision: deleting our {created}, keeping {peers}");
                _old.State = ChildSaState.Rekeyed;
                _sa.Tasks.Queue(ExchangeType.Informational, ChildDelete.ForInitiator(_sa, [created]));
                return TaskStatus.Done;
            }

            EngineLog.Collision(_sa.Host.Services.Log, _sa.Describe(), $"won the rekey collision: keeping {created}, the peer deletes {peers}");
        }

        _old.State = ChildSaState.Rekeyed;
        _sa.Host.Raise(_sa, EngineEventType.ChildSaRekeyed, $"{_old} rekeyed into {created}");
        _sa.Tasks.Queue(ExchangeType.Informational, ChildDelete.ForInitiator(_sa, [_old]));
        return TaskStatus.Done;
    }

    public void Dispose() => _create.Dispose();

    /// <summary>§2.8.1 compares nonces as octet strings; the shorter prefix sorts first.</summary>
    internal static byte[] Lowest(params byte[][] nonces) =>
        nonces.Aggregate((a, b) => a.AsSpan().SequenceCompareTo(b) <= 0 ? a : b);

    /// <summary>Responder side without a collision: after the new pair is installed the old one waits for the
    /// initiator's Delete (§1.3.3), it is no longer rekeyed by us.</summary>
    private sealed class ResponderRekey : IIkeTask, IDisposable
    {
        private readonly IkeSa _sa;
        private readonly ChildCreate _create;
        private readonly ChildSa _old;

        public ResponderRekey(IkeSa sa, ChildCreate create, ChildSa old)
        {
            _sa = sa;
            _create = create;
            _old = old;
        }

        public IkeTaskType Type => IkeTaskType.ChildRekey;

        public NegotiationDiagnostic? Failure => _create.Failure;

        public TaskStatus Build(MessageBuilder message) => _create.Build(message);

        public void Dispose() => _create.Dispose();

        public TaskStatus Process(IkeMessage message)
        {
            TaskStatus status = _create.Process(message);
            if (status == TaskStatus.Done && _create.Created is { } created)
            {
                _old.State = ChildSaState.Rekeyed;
                // no more rekeying of it; its hard lifetime still removes it should the peer's Delete never come
                _old.RekeyTimer?.Dispose();
                _old.RekeyTimer = null;
                _sa.Host.Raise(_sa, EngineEventType.ChildSaRekeyed, $"{_old} rekeyed into {created} by the peer");
            }

            return status;
        }
    }
}
