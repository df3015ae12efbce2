using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;

namespace Ike.Engine.Sa.V1.Tasks;

/// <summary>
/// The vendor IDs of the first two phase 1 messages (strongSwan's isakmp_vendor): DPD (RFC 3706 §4, we always answer
/// R-U-THERE) and NAT traversal (RFC 3947 §3.1, only when the connection has it on). The responder echoes the NAT-T
/// flavour the initiator offered: RFC 3947 when it sent that, else the first draft ID it sent, so both ends number
/// NAT-D and the UDP encapsulation modes alike.
/// </summary>
internal sealed class IsakmpVendor : IIsakmpTask
{
    private readonly IsakmpSa _sa;
    private readonly bool _initiator;
    private KnownVendorId? _peerNatTraversalId;

    private IsakmpVendor(IsakmpSa sa, bool initiator)
    {
        _sa = sa;
        _initiator = initiator;
    }

    public IsakmpTaskType Type => IsakmpTaskType.Vendor;

    public NegotiationDiagnostic? Failure => null;

    public IsakmpNotifyType? ErrorToSend => null;

    private bool NatTraversalOn => _sa.Connection.Config.NatTraversal;

    public static IsakmpVendor ForInitiator(IsakmpSa sa) => new(sa, initiator: true);

    public static IsakmpVendor ForResponder(IsakmpSa sa) => new(sa, initiator: false);

    public TaskStatus Build(IsakmpMessageBuilder message)
    {
        if (message.Number != (_initiator ? 1 : 2))
        {
            return TaskStatus.NeedMore;
        }

        message.Add(KnownVendorIds.DeadPeerDetection.ToPayload());
        if (NatTraversalOn && (_initiator || _peerNatTraversalId is not null))
        {
            message.Add((_peerNatTraversalId ?? KnownVendorIds.NatTraversalRfc3947).ToPayload());
        }

        return TaskStatus.NeedMore;
    }

    public TaskStatus Process(IsakmpMessage message, int number)
    {
        if (number != (_initiator ? 2 : 1))
        {
            return TaskStatus.NeedMore;
        }

        _sa.PeerSupportsDpd = message.HasVendorId(KnownVendorIds.DeadPeerDetection);
        _peerNatTraversalId = message.HasVendorId(KnownVendorIds.NatTraversalRfc3947)
            ? KnownVendorIds.NatTraversalRfc3947
            : message.Payloads.OfType<VendorIdPayload>().Select(v => KnownVendorIds.Identify(v.VendorId.Span))
                .FirstOrDefault(known => known is not null && KnownVendorIds.UsesDraftNatTraversalNumbers(known));
        _sa.NatTraversal = !NatTraversalOn || _peerNatTraversalId is null ? NatTraversalDialect.None
            : _peerNatTraversalId == KnownVendorIds.NatTraversalRfc3947 ? NatTraversalDialect.Rfc3947
            : NatTraversalDialect.Draft;
        return TaskStatus.NeedMore;
    }
}
