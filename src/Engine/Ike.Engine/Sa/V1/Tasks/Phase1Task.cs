using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Config.V1;

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

    /// <summary>
    /// Main mode responder, message 1: the first connection on these endpoints, of this SA's kind (PSK, or GM/T 0022
    /// certificates), that accepts one of the peer's transforms; its answer is returned and the initiator's SA body kept
    /// for HASH_I/HASH_R. Fails with NO-PROPOSAL-CHOSEN naming both sides' algorithms.
    /// </summary>
    protected TaskStatus SelectMainModeConnection(SaPayload offered, out SaPayload? answer)
    {
        IReadOnlyList<LoadedConnection> candidates =
            [.. Sa.Host.ResponderCandidates(Sa).Where(c => (c.Certificates is not null) == Sa.IsGmT0022)];
        foreach (LoadedConnection candidate in candidates)
        {
            if (Ikev1Proposals.SelectPhase1(candidate.IkeOffer, offered, digitalEnvelope: Sa.IsGmT0022) is { } selection)
            {
                Sa.Connection = candidate;
                Keying.Suite = selection.Suite;
                Keying.RememberInitiatorProposal(offered);
                answer = selection.Answer;
                return TaskStatus.NeedMore;
            }
        }

        answer = null;
        string weAccept = string.Join(" | ", candidates.Select(c => c.IkeOffer.ToString()).Distinct());
        return Fail(Diagnostics.Ikev1Diagnostics.NoProposalChosenLocal(Diagnostics.Ikev1Diagnostics.MainMode, Ikev1TransformNames.Describe(offered), weAccept),
            IsakmpNotifyType.NoProposalChosen);
    }

    protected TaskStatus Fail(NegotiationDiagnostic failure, IsakmpNotifyType? notify = null)
    {
        Failure = failure;
        ErrorToSend = notify;
        return TaskStatus.DestroySa;
    }
}
