using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// Deleting the IKE SA and with it every CHILD SA (RFC 7296 §1.4.1):
/// <code>
/// HDR, SK {D(IKE)}  -->
///             &lt;--  HDR, SK {}
/// </code>
/// "Deleting an IKE SA implicitly closes any remaining Child SAs negotiated under it"; the response is empty.
/// </summary>
internal sealed class IkeDelete : IIkeTask
{
    private readonly IkeSa _sa;
    private readonly bool _initiator;

    private IkeDelete(IkeSa sa, bool initiator)
    {
        _sa = sa;
        _initiator = initiator;
    }

    public IkeTaskType Type => IkeTaskType.IkeDelete;

    public NegotiationDiagnostic? Failure => null;

    public static IkeDelete ForInitiator(IkeSa sa) => new(sa, initiator: true);

    public static IkeDelete ForResponder(IkeSa sa) => new(sa, initiator: false);

    public TaskStatus Build(MessageBuilder message)
    {
        if (!_initiator)
        {
            return TaskStatus.DestroySa;
        }

        if (_sa.State is not (IkeSaState.Rekeyed or IkeSaState.Passive))
        {
            _sa.State = IkeSaState.Deleting;
        }

        message.Add(DeletePayload.ForIkeSa());
        return TaskStatus.NeedMore;
    }

    /// <summary>Either way the SA ends: the initiator on the (empty) answer, the responder right after answering.</summary>
    public TaskStatus Process(IkeMessage message)
    {
        if (!_initiator && _sa.PeerRekeyedInto is { State: IkeSaState.Passive } successor)
        {
            // §2.8.2: the peer deletes the SA both of us were rekeying, so it did not notice the collision and its new
            // SA is the one in use; we forget our own rekey attempt and the CHILD SAs move over before this SA ends
            _sa.Host.AdoptRekeyedIkeSa(_sa, successor);
        }
        else if (!_initiator)
        {
            _sa.DeletedByPeer = true;
        }

        return TaskStatus.DestroySa;
    }
}
