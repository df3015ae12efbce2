using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ipsec.Crypto.Kdf;
using Diag = Ike.Engine.Diagnostics.Diagnostics;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// IKE_AUTH's identities and PSK authentication (RFC 7296 §1.2, §2.15):
/// <code>
/// HDR, SK {IDi, [IDr,] AUTH, [N(INITIAL_CONTACT),] ...}  -->
///                                                   &lt;--  HDR, SK {IDr, AUTH, ...}
/// AUTH = prf(prf(PSK, "Key Pad for IKEv2"), RealMessage | Nonce of the other side | prf(SK_p, RestOfIDPayload))
/// </code>
/// The responder checks the initiator's AUTH before anything else in the request and answers a mismatch with
/// N(AUTHENTICATION_FAILED) alone (§2.21.2). The PSK never leaves <see cref="PreSharedKey"/>.
/// </summary>
internal abstract class IkeAuth : IIkeTask
{
    protected IkeAuth(IkeSa sa) => Sa = sa;

    public IkeTaskType Type => IkeTaskType.IkeAuth;

    public NegotiationDiagnostic? Failure { get; protected set; }

    protected IkeSa Sa { get; }

    public static IkeAuth ForInitiator(IkeSa sa) => new Initiator(sa);

    public static IkeAuth ForResponder(IkeSa sa) => new Responder(sa);

    public abstract TaskStatus Build(MessageBuilder message);

    public abstract TaskStatus Process(IkeMessage message);

    /// <summary>Our AUTH over our IKE_SA_INIT message, the peer's nonce and our ID (§2.15).</summary>
    protected byte[] ComputeOwnAuth(IdPayload ownId, bool asInitiator)
    {
        byte[] signed = KeyMaterialV2.ComputeSignedOctets(
            Sa.Prf!,
            asInitiator ? Sa.InitRequest : Sa.InitResponse,
            asInitiator ? Sa.NonceResponder : Sa.NonceInitiator,
            asInitiator ? Sa.Keys.SkPi : Sa.Keys.SkPr,
            ownId.EncodedBody.Span);
        return KeyMaterialV2.ComputePskAuth(Sa.Prf!, Sa.Connection.Config.Psk.Bytes, signed);
    }

    /// <summary>Checks the peer's AUTH over its IKE_SA_INIT message, our nonce and its ID, in constant time.</summary>
    protected bool VerifyPeerAuth(IdPayload peerId, AuthPayload auth, bool peerIsInitiator)
    {
        if (auth.Method != AuthMethod.SharedKeyMessageIntegrityCode)
        {
            return false;
        }

        byte[] signed = KeyMaterialV2.ComputeSignedOctets(
            Sa.Prf!,
            peerIsInitiator ? Sa.InitRequest : Sa.InitResponse,
            peerIsInitiator ? Sa.NonceResponder : Sa.NonceInitiator,
            peerIsInitiator ? Sa.Keys.SkPi : Sa.Keys.SkPr,
            peerId.EncodedBody.Span);
        return KeyMaterialV2.VerifyPskAuth(Sa.Prf!, Sa.Connection.Config.Psk.Bytes, signed, auth.Data.Span);
    }

    private sealed class Initiator : IkeAuth
    {
        public Initiator(IkeSa sa)
            : base(sa)
        {
        }

        public override TaskStatus Build(MessageBuilder message)
        {
            IdPayload idi = LoadedConnection.IdAs(Sa.Connection.LocalIdPayload, PayloadType.IdentificationInitiator);
            message.Add(idi);
            // IDr tells a responder with several connections on one address which one we mean (§3.5)
            message.Add(Sa.Connection.RemoteIdPayload);
            message.Add(new AuthPayload(AuthMethod.SharedKeyMessageIntegrityCode, ComputeOwnAuth(idi, asInitiator: true)));
            // §2.4: INITIAL_CONTACT lets the peer drop state of an earlier incarnation of us (a restarted agent)
            message.Add(NotifyPayload.Create(NotifyType.InitialContact));
            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IkeMessage message)
        {
            string ourId = Diag.DescribeId(Sa.Connection.LocalIdPayload);
            string expected = Diag.DescribeId(Sa.Connection.RemoteIdPayload);
            if (message.FindNotify(NotifyType.AuthenticationFailed) is not null)
            {
                Failure = Diag.AuthenticationFailedPeer(ExchangeType.IkeAuth, ourId, expected);
                return TaskStatus.DestroySa;
            }

            var idr = message.Find(PayloadType.IdentificationResponder) as IdPayload;
            var auth = message.Find<AuthPayload>();
            if (idr is null || auth is null)
            {
                NotifyPayload? error = message.Notifies.FirstOrDefault(n => n.IsError);
                Failure = error is null
                    ? Diag.LocalFailure(ExchangeType.IkeAuth, "INVALID_SYNTAX", "the response lacks IDr or AUTH")
                    : Diag.PeerNotify(ExchangeType.IkeAuth, error.NotifyType, "peer refused IKE_AUTH");
                return TaskStatus.DestroySa;
            }

            if (!LoadedConnection.SameIdentity(Sa.Connection.RemoteIdPayload, idr) || !VerifyPeerAuth(idr, auth, peerIsInitiator: false))
            {
                Failure = Diag.AuthenticationFailedLocal(ExchangeType.IkeAuth, Diag.DescribeId(idr), expected);
                return TaskStatus.DestroySa;
            }

            Sa.PeerId = idr;
            Sa.State = IkeSaState.Established;
            Sa.Host.OnIkeSaEstablished(Sa);
            return TaskStatus.Done;
        }
    }

    private sealed class Responder : IkeAuth
    {
        private bool _failed;

        public Responder(IkeSa sa)
            : base(sa)
        {
        }

        public override TaskStatus Process(IkeMessage message)
        {
            var idi = (IdPayload)message.Find(PayloadType.IdentificationInitiator)!;
            var idr = message.Find(PayloadType.IdentificationResponder) as IdPayload;
            var auth = message.Find<AuthPayload>()!;
            Sa.Host.SelectConnectionForPeer(Sa, idi, idr);
            string expected = Diag.DescribeId(Sa.Connection.RemoteIdPayload);
            bool ours = idr is null || LoadedConnection.SameIdentity(LoadedConnection.IdAs(Sa.Connection.LocalIdPayload, PayloadType.IdentificationResponder), idr);
            if (!ours || !LoadedConnection.SameIdentity(LoadedConnection.IdAs(Sa.Connection.RemoteIdPayload, PayloadType.IdentificationInitiator), idi)
                || !VerifyPeerAuth(idi, auth, peerIsInitiator: true))
            {
                _failed = true;
                Failure = Diag.AuthenticationFailedLocal(ExchangeType.IkeAuth, Diag.DescribeId(idi), expected);
                return TaskStatus.DestroySa;
            }

            Sa.PeerId = idi;
            Sa.State = IkeSaState.Established;
            return TaskStatus.Done;
        }

        public override TaskStatus Build(MessageBuilder message)
        {
            if (_failed)
            {
                // §2.21.2: "the responder ... sends an AUTHENTICATION_FAILED notification" and nothing else
                message.ReplaceWithError(NotifyPayload.Create(NotifyType.AuthenticationFailed));
                return TaskStatus.DestroySa;
            }

            IdPayload idr = LoadedConnection.IdAs(Sa.Connection.LocalIdPayload, PayloadType.IdentificationResponder);
            message.Add(idr);
            message.Add(new AuthPayload(AuthMethod.SharedKeyMessageIntegrityCode, ComputeOwnAuth(idr, asInitiator: false)));
            Sa.Host.OnIkeSaEstablished(Sa);
            return TaskStatus.Done;
        }
    }
}
