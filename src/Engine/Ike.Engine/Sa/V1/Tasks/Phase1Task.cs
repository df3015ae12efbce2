using Ike.Encoding.V1;
using Ike.Engine.Api;

namespace Ike.Engine.Sa.V1.Tasks;

/// <summary>What main mode and aggressive mode tasks have in common: their SA, the shared phase 1 keying
/// (<see cref="Phase1"/>), and failing with a diagnostic and the notify the peer should hear; a failed phase 1 ends the SA.</summary>
internal abstract class Phase1Task : IIsakmpTask, IDisposable
{
    private protected Phase1Task(IsakmpSa sa)
    {
        Sa = sa;
        Keying = new Phase1(sa);
    }

    public abstract IsakmpTaskType Type { get; }

    public NegotiationDiagnostic? Failure { get; private set; }

    public IsakmpNotifyType? ErrorToSend { get; private set; }

    protected IsakmpSa Sa { get; }

    protected Phase1 Keying { get; }

    public abstract TaskStatus Build(IsakmpMessageBuilder message);

    public abstract TaskStatus Process(IsakmpMessage message, int number);

    public void Dispose() => Keying.Dispose();

    protected TaskStatus Fail(NegotiationDiagnostic failure, IsakmpNotifyType? notify = null)
    {
        Failure = failure;
        ErrorToSend = notify;
        return TaskStatus.DestroySa;
    }
}
