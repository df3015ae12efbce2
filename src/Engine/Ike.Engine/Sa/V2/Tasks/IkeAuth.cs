using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Sa.V2.Auth;
using Ipsec.Crypto.Kdf;
using Diag = Ike.Engine.Diagnostics.Diagnostics;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// IKE_AUTH's identities and authentication (RFC 7296 §1.2, §2.15), by PSK or, on sm gateways, by SM2 certificates:
/// <code>
/// HDR, SK {IDi, [CERT,] [CERTREQ,] [IDr,] AUTH, [N(INITIAL_CONTACT),] ...}  -->
///                                                   &lt;--  HDR, SK {IDr, [CERT,] AUTH, ...}
/// PSK:  AUTH = prf(prf(PSK, "Key Pad for IKEv2"), RealMessage | Nonce of the other side | prf(SK_p, RestOfIDPayload))
/// SM2:  AUTH = method 14, SM2-with-SM3, SM2 signature of the same octets (RFC 7427, <see cref="Sm2CertificateAuthenticator"/>)
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

    /// <summary>The §2.15 octets one side signs or MACs: its IKE_SA_INIT message, the other side's nonce, prf(SK_p, ID).</summary>
    protected byte[] SignedOctets(IdPayload id, bool ofInitiator) =>
        KeyMaterialV2.ComputeSignedOctets(
            Sa.Prf!,
            ofInitiator ? Sa.InitRequest : Sa.InitResponse,
            ofInitiator ? Sa.NonceResponder : Sa.NonceInitiator,
            ofInitiator ? Sa.Keys.SkPi : Sa.Keys.SkPr,
            id.EncodedBody.Span);

    /// <summary>CERT with our signing certificate on certificate connections (nothing with a PSK); the initiator adds
    /// CERTREQ naming the CA it trusts (§3.7: CERTREQ "MAY be included in the IKE_AUTH request").</summary>
    protected void AddOwnCertificates(MessageBuilder message, bool asInitiator)
    {
        if (Sa.Connection.Certificates is { } certificates)
        {
            message.Add(Sm2CertificateAuthenticator.OwnCertificate(certificates));
            if (asInitiator)
            {
                message.Add(Sm2CertificateAuthenticator.PeerCaRequest(certificates));
            }
        }
    }

    /// <summary>AUTH over our §2.15 octets: SM2 signature (method 14) on certificate connections, else the PSK MAC.</summary>
    protected void AddOwnAuth(MessageBuilder message, IdPayload ownId, bool asInitiator)
    {
        byte[] signed = SignedOctets(ownId, asInitiator);
        message.Add(Sa.Connection.Certificates is { } certificates
            ? Sm2CertificateAuthenticator.Sign(certificates, signed, Sa.Host.Services.Random)
            : new AuthPayload(AuthMethod.SharedKeyMessageIntegrityCode, KeyMaterialV2.ComputePskAuth(Sa.Prf!, Sa.Connection.Config.Psk.Bytes, signed)));
    }

    /// <summary>Checks the peer: null when it proved the configured identity, else what did not match.</summary>
    protected NegotiationDiagnostic? VerifyPeer(IkeMessage message, IdPayload peerId, AuthPayload auth, bool peerIsInitiator)
    {
        if (Sa.Connection.Certificates is { } certificates)
        {
            string? problem = Sm2CertificateAuthenticator.Verify(
                certificates, peerId, message.AllPayloads.OfType<CertPayload>(), auth, SignedOctets(peerId, peerIsInitiator), Sa.Host.Services.Time);
            return problem is null ? null : Diag.CertificateAuthenticationFailedLocal(ExchangeType.IkeAuth, problem);
        }

        IdPayload expected = LoadedConnection.IdAs(Sa.Connection.RemoteIdPayload, peerId.Type);
        bool verified = LoadedConnection.SameIdentity(expected, peerId)
            && auth.Method == AuthMethod.SharedKeyMessageIntegrityCode
            && KeyMaterialV2.VerifyPskAuth(Sa.Prf!, Sa.Connection.Config.Psk.Bytes, SignedOctets(peerId, peerIsInitiator), auth.Data.Span);
        return verified ? null : Diag.AuthenticationFailedLocal(ExchangeType.IkeAuth, Diag.DescribeId(peerId), Diag.DescribeId(Sa.Connection.RemoteIdPayload));
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
            AddOwnCertificates(message, asInitiator: true);
            // IDr tells a responder with several connections on one address which one we mean (§3.5); a peer CA's
            // subject as remote ID names no gateway, and sent as IDr it would make the responder refuse us
            if (Sa.Connection.Certificates is not { RemoteIdIsPeerCa: true })
            {
                message.Add(Sa.Connection.RemoteIdPayload);
            }

            AddOwnAuth(message, idi, asInitiator: true);
            // §2.4: INITIAL_CONTACT lets the peer drop state of an earlier incarnation of us (a restarted agent). §3.10.1:
            // it asserts this is the only IKE SA between us, so it is not sent while another one of the connection exists
            // (the peer would drop that one without a word, e.g. when both ends initiate at once)
            if (Sa.Host.IsOnlyIkeSaOfConnection(Sa))
            {
                message.Add(NotifyPayload.Create(NotifyType.InitialContact));
            }
            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IkeMessage message)
        {
            string ourId = Diag.DescribeId(Sa.Connection.LocalIdPayload);
            string expected = Diag.DescribeId(Sa.Connection.RemoteIdPayload);
            if (message.FindNotify(NotifyType.AuthenticationFailed) is not null)
            {
                Failure = Sa.Connection.Certificates is { } certificates
                    ? Diag.CertificateAuthenticationFailedPeer(ExchangeType.IkeAuth, ourId,
                        DistinguishedNames.Describe(certificates.Credentials.SigningCertificate.IssuerDN))
                    : Diag.AuthenticationFailedPeer(ExchangeType.IkeAuth, ourId, expected);
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

            if (VerifyPeer(message, idr, auth, peerIsInitiator: false) is { } failure)
            {
                Failure = failure;
                return TaskStatus.DestroySa;
            }

            Sa.PeerId = idr;
            Sa.State = IkeSaState.Established;
            Sa.Host.OnIkeSaEstablished(Sa);
            if (message.FindNotify(NotifyType.InitialContact) is not null)
            {
                Sa.Host.OnInitialContact(Sa);
            }

            return TaskStatus.Done;
        }
    }

    private sealed class Responder : IkeAuth
    {
        private bool _failed;
        private bool _initialContact;

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
            bool ours = idr is null || LoadedConnection.SameIdentity(LoadedConnection.IdAs(Sa.Connection.LocalIdPayload, PayloadType.IdentificationResponder), idr);
            NegotiationDiagnostic? failure = ours
                ? VerifyPeer(message, idi, auth, peerIsInitiator: true)
                : Sa.Connection.Certificates is null
                    ? Diag.AuthenticationFailedLocal(ExchangeType.IkeAuth, Diag.DescribeId(idi), Diag.DescribeId(Sa.Connection.RemoteIdPayload))
                    : Diag.CertificateAuthenticationFailedLocal(ExchangeType.IkeAuth,
                        $"peer asks for responder ID {Diag.DescribeId(idr!)}, we are {Diag.DescribeId(Sa.Connection.LocalIdPayload)}");
            if (failure is not null)
            {
                _failed = true;
                Failure = failure;
                return TaskStatus.DestroySa;
            }

            Sa.PeerId = idi;
            Sa.State = IkeSaState.Established;
            _initialContact = message.FindNotify(NotifyType.InitialContact) is not null;
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
            AddOwnCertificates(message, asInitiator: false);
            AddOwnAuth(message, idr, asInitiator: false);
            Sa.Host.OnIkeSaEstablished(Sa);
            if (_initialContact)
            {
                Sa.Host.OnInitialContact(Sa);
            }

            return TaskStatus.Done;
        }
    }
}
