using System.Security.Cryptography;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Timing;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.KeyExchange;
using Diag = Ike.Engine.Diagnostics.Diagnostics;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// IKE_SA_INIT's SA, KE and Nonce payloads and the key derivation that follows (RFC 7296 §1.2, §2.14), with the
/// initiator's retries after N(COOKIE) (§2.6) and N(INVALID_KE_PAYLOAD) (§1.2).
/// <code>
/// Initiator                         Responder
/// HDR, [N(COOKIE),] SAi1, KEi, Ni  -->
///                              &lt;--  HDR, SAr1, KEr, Nr, [CERTREQ]
/// </code>
/// </summary>
internal abstract class IkeInit : IIkeTask
{
    protected IkeInit(IkeSa sa) => Sa = sa;

    public IkeTaskType Type => IkeTaskType.IkeInit;

    public NegotiationDiagnostic? Failure { get; protected set; }

    protected IkeSa Sa { get; }

    protected EngineServices Services => Sa.Host.Services;

    public static IkeInit ForInitiator(IkeSa sa) => new Initiator(sa);

    public static IkeInit ForResponder(IkeSa sa) => new Responder(sa);

    public abstract TaskStatus Build(MessageBuilder message);

    public abstract TaskStatus Process(IkeMessage message);

    /// <summary>g^ir, then SKEYSEED and the seven keys; g^ir is wiped at once (§2.14).</summary>
    protected void DeriveKeys(IkeSuite suite, IKeyExchange keyExchange, ReadOnlySpan<byte> peerPublic)
    {
        byte[] shared = keyExchange.ComputeSharedSecret(peerPublic);
        try
        {
            IkeSaKeys keys = KeyMaterialV2.DeriveIkeSaKeys(
                suite.KeySuite, shared, Sa.NonceInitiator, Sa.NonceResponder, Sa.InitiatorSpi, Sa.ResponderSpi);
            Sa.InstallKeys(suite, keys);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private sealed class Initiator : IkeInit
    {
        private IKeyExchange? _keyExchange;
        private DhGroup _group;
        private byte[]? _cookie;
        private int _retries;

        public Initiator(IkeSa sa)
            : base(sa) =>
            _group = sa.Connection.IkeOffer.PreferredGroup!;

        public override TaskStatus Build(MessageBuilder message)
        {
            Sa.State = IkeSaState.Connecting;
            _keyExchange ??= Services.KeyExchanges.Create(_group);
            if (Sa.NonceInitiator.Length == 0)
            {
                Sa.NonceInitiator = Services.NewNonce();
            }

            message.Add(new SaPayload([ProposalSelector.BuildIkeProposal(Sa.Connection.IkeOffer)]));
            message.Add(new KePayload(_group.Id, _keyExchange.PublicValue.ToArray()));
            message.Add(new NoncePayload(Sa.NonceInitiator));
            if (_cookie is not null)
            {
                // §2.6: "the initiator ... MUST ... include the COOKIE notification as the first payload"
                message.AddFirst(NotifyPayload.Create(NotifyType.Cookie, _cookie));
            }

            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IkeMessage message)
        {
            string offered = Sa.Connection.IkeOffer.ToString();
            if (message.FindNotify(NotifyType.Cookie) is { } cookie)
            {
                if (++_retries > Rfc7296Limits.MaxInitRetries || cookie.Data.Length is 0 or > Rfc7296Limits.MaxCookieLength)
                {
                    Failure = Diag.LocalFailure(ExchangeType.IkeSaInit, "COOKIE", "the responder keeps asking for cookies");
                    return TaskStatus.DestroySa;
                }

                _cookie = cookie.Data.ToArray();
                return TaskStatus.NeedMore;
            }

            if (message.FindNotify(NotifyType.InvalidKePayload) is { } invalidKe)
            {
                return RetryWithGroup(invalidKe);
            }

            if (message.Notifies.FirstOrDefault(n => n.IsError) is { } error)
            {
                Failure = error.NotifyType == NotifyType.NoProposalChosen
                    ? Diag.NoProposalChosenPeer(ExchangeType.IkeSaInit, offered)
                    : Diag.PeerNotify(ExchangeType.IkeSaInit, error.NotifyType, $"peer refused IKE_SA_INIT (we offered {offered})");
                return TaskStatus.DestroySa;
            }

            var sa = message.Find<SaPayload>();
            var ke = message.Find<KePayload>();
            var nonce = message.Find<NoncePayload>();
            if (sa is null || ke is null || nonce is null || message.ResponderSpi == 0)
            {
                Failure = Diag.LocalFailure(ExchangeType.IkeSaInit, "INVALID_SYNTAX", "the response lacks SA, KE or Nonce");
                return TaskStatus.DestroySa;
            }

            IkeSuite? suite = ProposalSelector.AcceptIke(Sa.Connection.IkeOffer, sa, out _);
            if (suite is null)
            {
                Failure = Diag.InvalidProposalAnswer(ExchangeType.IkeSaInit, TransformNames.Describe(sa), offered);
                return TaskStatus.DestroySa;
            }

            // §1.2: the KE payload is of the group the accepted proposal names, which must be the one we computed
            if (suite.Group != _group || ke.DhGroup != _group.Id
                || PeerPublicValue.Check(_group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
            {
                Failure = Diag.LocalFailure(ExchangeType.IkeSaInit, "INVALID_KE_PAYLOAD", $"the responder's KE is not a valid {_group.ShortName} value");
                return TaskStatus.DestroySa;
            }

            Sa.ResponderSpi = message.ResponderSpi;
            Sa.NonceResponder = nonce.Data.ToArray();
            // RealMessage2 of §2.15: the responder's AUTH covers its IKE_SA_INIT answer exactly as it arrived
            Sa.InitResponse = message.RawBytes.ToArray();
            DeriveKeys(suite, _keyExchange!, ke.KeyExchangeData.Span);
            _keyExchange!.Dispose();
            _keyExchange = null;
            return TaskStatus.Done;
        }

        /// <summary>§1.2: "the initiator ... MUST retry with the group the responder asked for", if we offered it.</summary>
        private TaskStatus RetryWithGroup(NotifyPayload invalidKe)
        {
            DhGroup? wanted = invalidKe.TryGetAcceptedDhGroup(out ushort id) ? AlgorithmCatalog.FindDhGroupById(id) : null;
            if (wanted is null || wanted == _group || !Sa.Connection.IkeOffer.Groups.Contains(wanted) || ++_retries > Rfc7296Limits.MaxInitRetries)
            {
                string asked = wanted?.ShortName ?? $"group {id}";
                Failure = Diag.InvalidKe(ExchangeType.IkeSaInit, $"peer wants {asked}, we offer {string.Join('|', Sa.Connection.IkeOffer.Groups.Select(g => g.ShortName))}");
                return TaskStatus.DestroySa;
            }

            _keyExchange?.Dispose();
            _keyExchange = null;
            _group = wanted;
            return TaskStatus.NeedMore;
        }
    }

    private sealed class Responder : IkeInit
    {
        private IkeSelection? _selection;
        private IKeyExchange? _keyExchange;
        private NotifyPayload? _error;

        public Responder(IkeSa sa)
            : base(sa)
        {
        }

        public override TaskStatus Process(IkeMessage message)
        {
            Sa.State = IkeSaState.Connecting;
            var sa = message.Find<SaPayload>()!;
            var ke = message.Find<KePayload>()!;
            var nonce = message.Find<NoncePayload>()!;
            AlgorithmOffer ours = Sa.Connection.IkeOffer;
            IkeSelection? selection = ProposalSelector.SelectIke(ours, sa);
            if (selection is null)
            {
                Failure = Diag.NoProposalChosenLocal(ExchangeType.IkeSaInit, TransformNames.Describe(sa), ours.ToString());
                _error = NotifyPayload.Create(NotifyType.NoProposalChosen);
                return TaskStatus.DestroySa;
            }

            // the KE's group wins when the chosen proposal allows it: no extra round trip (strongSwan does the same)
            DhGroup? keGroup = AlgorithmCatalog.FindDhGroupById(ke.DhGroup);
            if (keGroup != selection.Suite.Group && keGroup is not null && ours.Groups.Contains(keGroup)
                && selection.Offered.Transforms.Any(t => t.Type == TransformType.DiffieHellmanGroup && t.Id == keGroup.Id))
            {
                Transform[] transforms = [.. selection.Answer.Transforms.Select(t => t.Type == TransformType.DiffieHellmanGroup ? new Transform(t.Type, keGroup.Id) : t)];
                selection = selection with { Suite = selection.Suite with { Group = keGroup }, Answer = selection.Answer with { Transforms = transforms } };
            }

            if (ke.DhGroup != selection.Suite.Group.Id)
            {
                // §1.2: answer INVALID_KE_PAYLOAD naming the group we want; the initiator retries, this SA goes
                Failure = Diag.LocalFailure(ExchangeType.IkeSaInit, "INVALID_KE_PAYLOAD",
                    $"peer sent KE for group {ke.DhGroup}, we asked for {selection.Suite.Group.ShortName}");
                _error = NotifyPayload.InvalidKe(selection.Suite.Group.Id);
                return TaskStatus.DestroySa;
            }

            if (PeerPublicValue.Check(selection.Suite.Group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
            {
                // RFC 6989 §2.1: a public value outside 1 < y < p-1 is refused
                Failure = Diag.LocalFailure(ExchangeType.IkeSaInit, "INVALID_SYNTAX", $"the initiator's KE is not a valid {selection.Suite.Group.ShortName} value");
                _error = NotifyPayload.Create(NotifyType.InvalidSyntax);
                return TaskStatus.DestroySa;
            }

            _selection = selection;
            _keyExchange = Services.KeyExchanges.Create(selection.Suite.Group);
            Sa.NonceInitiator = nonce.Data.ToArray();
            Sa.NonceResponder = Services.NewNonce();
            DeriveKeys(selection.Suite, _keyExchange, ke.KeyExchangeData.Span);
            return TaskStatus.Done;
        }

        public override TaskStatus Build(MessageBuilder message)
        {
            if (_error is not null)
            {
                message.ReplaceWithError(_error);
                return TaskStatus.DestroySa;
            }

            message.Add(new SaPayload([_selection!.Answer]));
            message.Add(new KePayload(_selection.Suite.Group.Id, _keyExchange!.PublicValue.ToArray()));
            message.Add(new NoncePayload(Sa.NonceResponder));
            if (Sa.Connection.Certificates is { } certificates)
            {
                // §1.2 "[CERTREQ]": tells the initiator which CA its certificate must come from
                message.Add(Auth.Sm2CertificateAuthenticator.PeerCaRequest(certificates));
            }

            _keyExchange.Dispose();
            _keyExchange = null;
            return TaskStatus.Done;
        }
    }
}
