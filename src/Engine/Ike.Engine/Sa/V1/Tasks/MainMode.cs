using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Config.V1;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;

namespace Ike.Engine.Sa.V1.Tasks;

/// <summary>
/// Main mode with pre-shared keys (RFC 2409 §5), identities protected:
/// <code>
///  Initiator                          Responder
///  HDR, SA                       --&gt;
///                                &lt;--  HDR, SA
///  HDR, KE, Ni                   --&gt;
///                                &lt;--  HDR, KE, Nr
///  HDR*, IDii, HASH_I            --&gt;
///                                &lt;--  HDR*, IDir, HASH_R
/// </code>
/// The responder must choose the pre-shared key before it sees IDii (its key encrypts message 5), so it chooses by the
/// peer's address: the connection is picked from the endpoints and the proposal in message 1 (RFC 2409 §5.4). NAT-D and
/// vendor IDs travel in the same messages (<see cref="IsakmpNatd"/>, <see cref="IsakmpVendor"/>).
/// </summary>
internal abstract class MainMode : Phase1Task
{
    private protected MainMode(IsakmpSa sa)
        : base(sa)
    {
    }

    public override IsakmpTaskType Type => IsakmpTaskType.MainMode;

    public static MainMode ForInitiator(IsakmpSa sa) => new Initiator(sa);

    public static MainMode ForResponder(IsakmpSa sa) => new Responder(sa);

    private sealed class Initiator(IsakmpSa sa) : MainMode(sa)
    {
        private IdPayload? _ourId;

        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            switch (message.Number)
            {
                case 1:
                    message.Add(Keying.OurProposal());
                    break;
                case 3:
                    message.Add(Keying.OurKeyExchange(Keying.Suite!.Group));
                    message.Add(Keying.OurNonce());
                    break;
                case 5:
                    _ourId = Ikev1Identities.ForIdentity(Sa.Connection.Config.LocalId);
                    message.Add(_ourId);
                    message.Add(new HashPayload(Keying.HashI(_ourId)));
                    break;
            }

            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            switch (number)
            {
                case 2:
                    var answer = message.Find<SaPayload>()!;
                    Keying.Suite = Ikev1Proposals.AcceptPhase1(Sa.Connection.IkeOffer, answer);
                    return Keying.Suite is null
                        ? Fail(Diag.InvalidProposalAnswer(Diag.MainMode, Ikev1TransformNames.Describe(answer), Sa.Connection.IkeOffer.ToString()))
                        : TaskStatus.NeedMore;
                case 4:
                    if (!Keying.TakePeerValues(Keying.Suite!.Group, message.Find<KePayload>()!, message.Find<NoncePayload>()!))
                    {
                        return Fail(Diag.LocalFailure(Diag.MainMode, "INVALID_KEY_INFORMATION", $"the responder's KE is not a valid {Keying.Suite.Group.ShortName} value"),
                            IsakmpNotifyType.InvalidKeyInformation);
                    }

                    Keying.DeriveKeys();
                    return TaskStatus.NeedMore;
                case 6:
                    var peerId = message.Find<IdPayload>()!;
                    Sa.PeerId = peerId;
                    if (!Ikev1Identities.Names(peerId, Sa.Connection.Config.RemoteId) || !Phase1.Verify(message.Find<HashPayload>(), Keying.HashR(peerId)))
                    {
                        return Fail(Keying.AuthenticationFailure(Diag.MainMode, peerId));
                    }

                    return TaskStatus.Done;
                default:
                    return TaskStatus.NeedMore;
            }
        }
    }

    private sealed class Responder(IsakmpSa sa) : MainMode(sa)
    {
        private SaPayload? _answer;

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            switch (number)
            {
                case 1:
                    // the chosen connection's PSK keys the SA
                    return SelectMainModeConnection(message.Find<SaPayload>()!, out _answer);
                case 3:
                    return Keying.TakePeerValues(Keying.Suite!.Group, message.Find<KePayload>()!, message.Find<NoncePayload>()!)
                        ? TaskStatus.NeedMore
                        : Fail(Diag.LocalFailure(Diag.MainMode, "INVALID_KEY_INFORMATION", $"the initiator's KE is not a valid {Keying.Suite.Group.ShortName} value"),
                            IsakmpNotifyType.InvalidKeyInformation);
                case 5:
                    return Authenticate(message.Find<IdPayload>()!, message.Find<HashPayload>());
                default:
                    return TaskStatus.NeedMore;
            }
        }

        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            switch (message.Number)
            {
                case 2:
                    message.Add(_answer!);
                    break;
                case 4:
                    message.Add(Keying.OurKeyExchange(Keying.Suite!.Group));
                    message.Add(Keying.OurNonce());
                    Keying.DeriveKeys();
                    break;
                case 6:
                    IdPayload ourId = Ikev1Identities.ForIdentity(Sa.Connection.Config.LocalId);
                    message.Add(ourId);
                    message.Add(new HashPayload(Keying.HashR(ourId)));
                    return TaskStatus.Done;
            }

            return TaskStatus.NeedMore;
        }

        /// <summary>
        /// IDii must name the connection's peer. Another connection on the same endpoints may fit it better; we may move
        /// to it only when it has the same PSK and accepts the suite, since that PSK already keyed this SA.
        /// </summary>
        private TaskStatus Authenticate(IdPayload peerId, HashPayload? hash)
        {
            Sa.PeerId = peerId;
            if (!Ikev1Identities.Names(peerId, Sa.Connection.Config.RemoteId))
            {
                LoadedConnection current = Sa.Connection;
                LoadedConnection? better = Sa.Host.ResponderCandidates(Sa).FirstOrDefault(c => c.Certificates is null
                    && Ikev1Identities.Names(peerId, c.Config.RemoteId) && c.Config.Psk.Bytes.SequenceEqual(current.Config.Psk.Bytes)
                    && c.IkeOffer.Encryption.Contains(Keying.Suite!.Encryption) && c.IkeOffer.Integrity.Contains(Keying.Suite.Prf)
                    && c.IkeOffer.Groups.Contains(Keying.Suite.Group));
                if (better is not null)
                {
                    Sa.Connection = better;
                }
            }

            if (!Ikev1Identities.Names(peerId, Sa.Connection.Config.RemoteId) || !Phase1.Verify(hash, Keying.HashI(peerId)))
            {
                return Fail(Keying.AuthenticationFailure(Diag.MainMode, peerId), IsakmpNotifyType.AuthenticationFailed);
            }

            return TaskStatus.NeedMore;
        }
    }
}
