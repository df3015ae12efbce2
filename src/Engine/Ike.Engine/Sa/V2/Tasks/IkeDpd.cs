using Ike.Encoding.V2;
using Ike.Engine.Api;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// A liveness check (RFC 7296 §1.4, §2.4): an INFORMATIONAL with an empty SK, answered by an empty SK.
/// "An implementation ... MUST ... conclude that the other endpoint has failed" when the request's retransmissions
/// go unanswered; the task manager's retransmission, fitted into the DPD timeout, does that part.
/// </summary>
internal sealed class IkeDpd : IIkeTask
{
    private readonly bool _initiator;

    private IkeDpd(bool initiator) => _initiator = initiator;

    public IkeTaskType Type => IkeTaskType.IkeDpd;

    public NegotiationDiagnostic? Failure => null;

    public static IkeDpd ForInitiator() => new(initiator: true);

    public static IkeDpd ForResponder() => new(initiator: false);

    public TaskStatus Build(MessageBuilder message) => _initiator ? TaskStatus.NeedMore : TaskStatus.Done;

    public TaskStatus Process(IkeMessage message) => TaskStatus.Done;
}
