using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Config.V1;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;

namespace Ike.Engine.Sa.V1.Tasks;

/// <summary>
/// Aggressive mode with pre-shared keys (RFC 2409 §5), three messages, identities in clear:
/// <code>
///  Initiator                          Responder
///  HDR, SA, KE, Ni, IDii         --&gt;
///                                &lt;--  HDR, SA, KE, Nr, IDir, HASH_R
///  HDR*, HASH_I                  --&gt;
/// </code>
/// The KE goes out with the proposal, so the initiator offers one group. The responder sees IDii before it needs the
/// pre-shared key, so it picks the connection by the peer's identity (FQDN identities work here, unlike main mode).
/// The third message is sent encrypted (as strongSwan and Libreswan do); one in clear is read too.
/// </summary>
internal abstract class AggressiveMode : Phase1Task
{
    private protected AggressiveMode(IsakmpSa sa)
        : base(sa)
    {
    }

    public override IsakmpTaskType Type => IsakmpTaskType.AggressiveMode;

    public static AggressiveMode ForInitiator(IsakmpSa sa) => new Initiator(sa);

    public static AggressiveMode ForResponder(IsakmpSa sa) => new Responder(sa);

    private sealed class Initiator(IsakmpSa sa) : AggressiveMode(sa)
    {
        private IdPayload? _ourId;

        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            switch (message.Number)
            {
                case 1:
                    _ourId = Ikev1Identities.ForIdentity(Sa.Connection.Config.LocalId);
                    message.Add(Keying.OurProposal());
                    message.Add(Keying.OurKeyExchange(Sa.Connection.IkeOffer.PreferredGroup!));
                    message.Add(Keying.OurNonce());
                    message.Add(_ourId);
                    break;
                case 3:
                    message.Add(new HashPayload(Keying.HashI(_ourId!)));
                    return TaskStatus.Done;
            }

            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            if (number != 2)
            {
                return TaskStatus.NeedMore;
            }

            var answer = message.Find<SaPayload>()!;
            Keying.Suite = Ikev1Proposals.AcceptPhase1(Sa.Connection.IkeOffer, answer, Sa.Connection.IkeOffer.PreferredGroup);
            if (Keying.Suite is null)
            {
                return Fail(Diag.InvalidProposalAnswer(Diag.AggressiveMode, Ikev1TransformNames.Describe(answer), Sa.Connection.IkeOffer.ToString()));
            }

            if (!Keying.TakePeerValues(Keying.Suite.Group, message.Find<KePayload>()!, message.Find<NoncePayload>()!))
            {
                return Fail(Diag.LocalFailure(Diag.AggressiveMode, "INVALID_KEY_INFORMATION", $"the responder's KE is not a valid {Keying.Suite.Group.ShortName} value"),
                    IsakmpNotifyType.InvalidKeyInformation);
            }

            Keying.DeriveKeys();
            var peerId = message.Find<IdPayload>()!;
            Sa.PeerId = peerId;
            if (!Ikev1Identities.Names(peerId, Sa.Connection.Config.RemoteId) || !Phase1.Verify(message.Find<HashPayload>(), Keying.HashR(peerId)))
            {
                return Fail(Keying.AuthenticationFailure(Diag.AggressiveMode, peerId), IsakmpNotifyType.AuthenticationFailed);
            }

            return TaskStatus.NeedMore;
        }
    }

    private sealed class Responder(IsakmpSa sa) : AggressiveMode(sa)
    {
        private SaPayload? _answer;
        private IdPayload? _peerId;

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            switch (number)
            {
                case 1:
                    return Select(message.Find<SaPayload>()!, message.Find<KePayload>()!, message.Find<NoncePayload>()!, message.Find<IdPayload>()!);
                case 3:
                    return Phase1.Verify(message.Find<HashPayload>(), Keying.HashI(_peerId!))
                        ? TaskStatus.Done
                        : Fail(Keying.AuthenticationFailure(Diag.AggressiveMode, _peerId!), IsakmpNotifyType.AuthenticationFailed);
                default:
                    return TaskStatus.NeedMore;
            }
        }

        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            if (message.Number == 2)
            {
                IdPayload ourId = Ikev1Identities.ForIdentity(Sa.Connection.Config.LocalId);
                message.Add(_answer!);
                message.Add(Keying.OurKeyExchange(Keying.Suite!.Group));
                message.Add(Keying.OurNonce());
                Keying.DeriveKeys();
                message.Add(ourId);
                message.Add(new HashPayload(Keying.HashR(ourId)));
            }

            return TaskStatus.NeedMore;
        }

        /// <summary>The connection on these endpoints that expects this identity and accepts the proposal with this KE's group.</summary>
        private TaskStatus Select(SaPayload offered, KePayload ke, NoncePayload nonce, IdPayload peerId)
        {
            _peerId = peerId;
            Sa.PeerId = peerId;
            IReadOnlyList<LoadedConnection> candidates = Sa.Host.ResponderCandidates(Sa);
            var forPeer = candidates.Where(c => Ikev1Identities.Names(peerId, c.Config.RemoteId)).ToList();
            foreach (LoadedConnection candidate in forPeer)
            {
                if (Ikev1Proposals.SelectPhase1(candidate.IkeOffer, offered, ke.KeyExchangeData.Length) is { } selection)
                {
                    Sa.Connection = candidate;
                    Keying.Suite = selection.Suite;
                    Keying.RememberInitiatorProposal(offered);
                    _answer = selection.Answer;
                    return Keying.TakePeerValues(selection.Suite.Group, ke, nonce)
                        ? TaskStatus.NeedMore
                        : Fail(Diag.LocalFailure(Diag.AggressiveMode, "INVALID_KEY_INFORMATION", $"the initiator's KE is not a valid {selection.Suite.Group.ShortName} value"),
                            IsakmpNotifyType.InvalidKeyInformation);
                }
            }

            if (forPeer.Count == 0)
            {
                string expected = string.Join(" | ", candidates.Select(c => Ikev1Identities.Describe(Ikev1Identities.ForIdentity(c.Config.RemoteId))).Distinct());
                return Fail(Diag.AuthenticationFailedLocal(Diag.AggressiveMode, Ikev1Identities.Describe(peerId), expected), IsakmpNotifyType.InvalidIdInformation);
            }

            string weAccept = string.Join(" | ", forPeer.Select(c => c.IkeOffer.ToString()).Distinct());
            return Fail(Diag.NoProposalChosenLocal(Diag.AggressiveMode, Ikev1TransformNames.Describe(offered), weAccept), IsakmpNotifyType.NoProposalChosen);
        }
    }
}
