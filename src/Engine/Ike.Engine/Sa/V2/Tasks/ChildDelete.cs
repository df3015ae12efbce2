using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// Deleting CHILD SAs with INFORMATIONAL (RFC 7296 §1.4.1):
/// <code>
/// HDR, SK {D(ESP, our inbound SPIs)}  -->
///                               &lt;--  HDR, SK {D(ESP, the peer's inbound SPIs of the same pairs)}
/// </code>
/// "Each endpoint ... sends a Delete payload listing the SPIs of the inbound SAs it is closing". A pair both ends
/// delete at once is not listed in the response (§1.4.1: "MUST NOT ... send a Delete payload for ... one it has
/// already sent").
/// </summary>
internal abstract class ChildDelete : IIkeTask
{
    protected ChildDelete(IkeSa sa) => Sa = sa;

    public IkeTaskType Type => IkeTaskType.ChildDelete;

    public NegotiationDiagnostic? Failure => null;

    protected IkeSa Sa { get; }

    public static ChildDelete ForInitiator(IkeSa sa, IReadOnlyList<ChildSa> children) => new Initiator(sa, children);

    public static ChildDelete ForResponder(IkeSa sa) => new Responder(sa);

    public abstract TaskStatus Build(MessageBuilder message);

    public abstract TaskStatus Process(IkeMessage message);

    private sealed class Initiator : ChildDelete
    {
        private readonly List<ChildSa> _children;

        public Initiator(IkeSa sa, IReadOnlyList<ChildSa> children)
            : base(sa) =>
            _children = [.. children];

        public override TaskStatus Build(MessageBuilder message)
        {
            _children.RemoveAll(c => !Sa.Children.Contains(c));
            if (_children.Count == 0)
            {
                // already gone (the peer deleted them first): no exchange
                return TaskStatus.Failed;
            }

            foreach (ChildSa child in _children)
            {
                child.State = ChildSaState.Deleting;
            }

            message.Add(DeletePayload.ForChildSas(IpsecProtocolId.Esp, [.. _children.Select(c => c.InboundSpi)]));
            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IkeMessage message)
        {
            foreach (ChildSa child in _children)
            {
                Sa.Host.RemoveChild(Sa, child, "deleted by us");
            }

            return TaskStatus.Done;
        }
    }

    private sealed class Responder : ChildDelete
    {
        private readonly List<uint> _answer = [];

        public Responder(IkeSa sa)
            : base(sa)
        {
        }

        public override TaskStatus Process(IkeMessage message)
        {
            foreach (DeletePayload delete in message.AllPayloads.OfType<DeletePayload>().Where(d => d.ProtocolId == IpsecProtocolId.Esp))
            {
                foreach (uint spi in delete.Spis)
                {
                    // the peer names its inbound SPI, which is our outbound one
                    ChildSa? child = Sa.Children.FirstOrDefault(c => c.OutboundSpi == spi);
                    if (child is null)
                    {
                        continue;
                    }

                    if (child.State != ChildSaState.Deleting)
                    {
                        _answer.Add(child.InboundSpi);
                    }

                    Sa.Host.RemoveChild(Sa, child, "deleted by the peer");
                }
            }

            return TaskStatus.Done;
        }

        public override TaskStatus Build(MessageBuilder message)
        {
            if (_answer.Count > 0)
            {
                message.Add(DeletePayload.ForChildSas(IpsecProtocolId.Esp, [.. _answer]));
            }

            return TaskStatus.Done;
        }
    }
}
