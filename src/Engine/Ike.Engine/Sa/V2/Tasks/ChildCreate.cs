using System.Security.Cryptography;
using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.KeyExchange;
using Diag = Ike.Engine.Diagnostics.Diagnostics;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// A CHILD SA: inside IKE_AUTH (the first one, RFC 7296 §1.2) or with CREATE_CHILD_SA (§1.3.1), optionally replacing
/// another one (<see cref="ChildRekey"/>, §1.3.3) and optionally with PFS (a KE payload, §1.3.1).
/// <code>
/// IKE_AUTH:         ... SAi2, TSi, TSr                      -->  &lt;--  ... SAr2, TSi, TSr
/// CREATE_CHILD_SA:  HDR, SK {[N(REKEY_SA),] SA, Ni, [KEi,] TSi, TSr}  -->  &lt;--  HDR, SK {SA, Nr, [KEr,] TSi, TSr}
/// KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr)   (§2.17; IKE_AUTH uses IKE_SA_INIT's nonces)
/// </code>
/// Failures leave the IKE SA alone (§1.2: "the IKE SA is still created" when its first CHILD SA is refused).
/// </summary>
internal abstract class ChildCreate : IIkeTask, IDisposable
{
    protected ChildCreate(IkeSa sa, bool inIkeAuth, ChildSa? rekeyOf)
    {
        Sa = sa;
        InIkeAuth = inIkeAuth;
        RekeyOf = rekeyOf;
    }

    public IkeTaskType Type => IkeTaskType.ChildCreate;

    public NegotiationDiagnostic? Failure { get; protected set; }

    /// <summary>Responder only: set by <see cref="ChildRekey"/> before processing when the request must be refused
    /// outright (CHILD_SA_NOT_FOUND, TEMPORARY_FAILURE, §2.25).</summary>
    public NotifyPayload? Refusal { get; set; }

    /// <summary>The CHILD SA this task made, once it did.</summary>
    public ChildSa? Created { get; protected set; }

    /// <summary>The nonces of this exchange (initiator's, responder's), for the §2.8.1 collision rule.</summary>
    public byte[] ExchangeNonceInitiator { get; protected set; } = [];

    public byte[] ExchangeNonceResponder { get; protected set; } = [];

    protected IkeSa Sa { get; }

    protected bool InIkeAuth { get; }

    protected ChildSa? RekeyOf { get; set; }

    /// <summary>The PFS key exchange while the exchange is under way.</summary>
    protected IKeyExchange? KeyExchange { get; set; }

    /// <summary>Our inbound SPI for the new pair, reserved in the data path until the pair is installed or given back.</summary>
    protected uint AllocatedSpi { get; set; }

    protected ExchangeType Exchange => InIkeAuth ? ExchangeType.IkeAuth : ExchangeType.CreateChildSa;

    protected EngineServices Services => Sa.Host.Services;

    protected AlgorithmOffer Offer => Sa.Connection.ChildOffer;

    public static ChildCreate ForInitiator(IkeSa sa, bool inIkeAuth, ChildSa? rekeyOf = null) => new Initiator(sa, inIkeAuth, rekeyOf);

    public static ChildCreate ForResponder(IkeSa sa, bool inIkeAuth, ChildSa? rekeyOf = null) => new Responder(sa, inIkeAuth, rekeyOf);

    public abstract TaskStatus Build(MessageBuilder message);

    public abstract TaskStatus Process(IkeMessage message);

    /// <summary>The exchange is over: wipes a Diffie-Hellman private value the task still holds (its SA died
    /// mid-exchange) and gives back the SPI it allocated when no CHILD SA came of it (refused, timed out, malformed
    /// answer), so failed negotiations do not pile up reserved SPIs.</summary>
    public void Dispose()
    {
        KeyExchange?.Dispose();
        KeyExchange = null;
        if (Created is null && AllocatedSpi != 0)
        {
            Services.Kernel.ReleaseSpi(AllocatedSpi);
        }

        AllocatedSpi = 0;
    }

    /// <summary>KEYMAT for the new pair (§2.17), g^ir wiped after use.</summary>
    protected ChildSaKeys DeriveKeys(ChildSuite suite, byte[]? sharedSecret, byte[] nonceInitiator, byte[] nonceResponder)
    {
        try
        {
            return KeyMaterialV2.DeriveChildSaKeys(Sa.Prf!, Sa.SkD, suite.KeySuite, sharedSecret ?? [], nonceInitiator, nonceResponder);
        }
        finally
        {
            if (sharedSecret is not null)
            {
                CryptographicOperations.ZeroMemory(sharedSecret);
            }
        }
    }

    private sealed class Initiator : ChildCreate
    {
        private DhGroup? _group;

        public Initiator(IkeSa sa, bool inIkeAuth, ChildSa? rekeyOf)
            : base(sa, inIkeAuth, rekeyOf) =>
            _group = inIkeAuth ? null : sa.Connection.ChildOffer.PreferredGroup;

        public override TaskStatus Build(MessageBuilder message)
        {
            if (AllocatedSpi == 0)
            {
                AllocatedSpi = Services.Kernel.AllocateSpi();
            }

            message.Add(new SaPayload([ProposalSelector.BuildChildProposal(Offer, AllocatedSpi, withPfs: _group is not null)]));
            if (!InIkeAuth)
            {
                ExchangeNonceInitiator = Services.NewNonce();
                message.Add(new NoncePayload(ExchangeNonceInitiator));
                if (_group is not null)
                {
                    KeyExchange?.Dispose();
                    KeyExchange = Services.KeyExchanges.Create(_group);
                    message.Add(new KePayload(_group.Id, KeyExchange.PublicValue.ToArray()));
                }
            }

            message.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, Sa.Connection.LocalSelectors));
            message.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, Sa.Connection.RemoteSelectors));
            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IkeMessage message)
        {
            TaskStatus status = ProcessResponse(message);
            if (status != TaskStatus.NeedMore)
            {
                KeyExchange?.Dispose();
                KeyExchange = null;
            }

            return status;
        }

        private TaskStatus ProcessResponse(IkeMessage message)
        {
            string ourTsi = TrafficSelectors.Describe(Sa.Connection.LocalSelectors);
            string ourTsr = TrafficSelectors.Describe(Sa.Connection.RemoteSelectors);
            if (message.FindNotify(NotifyType.InvalidKePayload) is { } invalidKe && !InIkeAuth)
            {
                DhGroup? wanted = invalidKe.TryGetAcceptedDhGroup(out ushort id) ? AlgorithmCatalog.FindDhGroupById(id) : null;
                if (wanted is not null && wanted != _group && Offer.Groups.Contains(wanted))
                {
                    // §1.3: retry CREATE_CHILD_SA with the group the responder asked for
                    _group = wanted;
                    return TaskStatus.NeedMore;
                }

                Failure = Diag.InvalidKe(Exchange, $"peer wants group {id}, we offer {Offer}");
                return TaskStatus.Failed;
            }

            if (message.Notifies.FirstOrDefault(n => n.IsError && n.NotifyType != NotifyType.AuthenticationFailed) is { } error)
            {
                Failure = error.NotifyType switch
                {
                    NotifyType.NoProposalChosen => Diag.NoProposalChosenPeer(Exchange, Offer.ToString()),
                    NotifyType.TsUnacceptable => Diag.TsUnacceptablePeer(Exchange, ourTsi, ourTsr),
                    // TEMPORARY_FAILURE: the peer is rekeying or deleting the same SA (§2.25); not worth an event
                    NotifyType.TemporaryFailure => null,
                    _ => Diag.PeerNotify(Exchange, error.NotifyType, "peer refused the CHILD SA"),
                };
                return TaskStatus.Failed;
            }

            var sa = message.Find<SaPayload>();
            var tsi = message.Find(PayloadType.TrafficSelectorInitiator) as TrafficSelectorPayload;
            var tsr = message.Find(PayloadType.TrafficSelectorResponder) as TrafficSelectorPayload;
            if (sa is null || tsi is null || tsr is null)
            {
                Failure = Diag.LocalFailure(Exchange, "NO_CHILD_SA", "the peer answered without SA/TSi/TSr: no CHILD SA was created");
                return TaskStatus.Failed;
            }

            if (ProposalSelector.AcceptChild(Offer, sa, _group) is not { } accepted)
            {
                Failure = Diag.InvalidProposalAnswer(Exchange, TransformNames.Describe(sa), Offer.ToString());
                return TaskStatus.Failed;
            }

            // §2.9: the responder may narrow but never widen what we proposed
            if (!TrafficSelectors.IsSubsetOf(tsi.Selectors, Sa.Connection.LocalSelectors)
                || !TrafficSelectors.IsSubsetOf(tsr.Selectors, Sa.Connection.RemoteSelectors))
            {
                Failure = Diag.LocalFailure(Exchange, "TS_UNACCEPTABLE",
                    $"peer answered {TrafficSelectors.Describe(tsi.Selectors)} === {TrafficSelectors.Describe(tsr.Selectors)}, outside our {ourTsi} === {ourTsr}");
                return TaskStatus.Failed;
            }

            byte[] nonceInitiator = Sa.NonceInitiator;
            byte[] nonceResponder = Sa.NonceResponder;
            byte[]? shared = null;
            if (!InIkeAuth)
            {
                if (message.Find<NoncePayload>() is not { } nonce)
                {
                    Failure = Diag.LocalFailure(Exchange, "INVALID_SYNTAX", "the response lacks Nr");
                    return TaskStatus.Failed;
                }

                ExchangeNonceResponder = nonce.Data.ToArray();
                nonceInitiator = ExchangeNonceInitiator;
                nonceResponder = ExchangeNonceResponder;
                if (_group is not null)
                {
                    var ke = message.Find<KePayload>();
                    if (ke is null || ke.DhGroup != _group.Id || PeerPublicValue.Check(_group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
                    {
                        Failure = Diag.LocalFailure(Exchange, "INVALID_KE_PAYLOAD", $"the responder's KE is not a valid {_group.ShortName} value");
                        return TaskStatus.Failed;
                    }

                    shared = KeyExchange!.ComputeSharedSecret(ke.KeyExchangeData.Span);
                }
            }

            ChildSaKeys keys = DeriveKeys(accepted.Suite, shared, nonceInitiator, nonceResponder);
            var child = new ChildSa(Sa.Connection.Name, accepted.Suite, AllocatedSpi, accepted.ResponderSpi, tsi.Selectors, tsr.Selectors,
                Sa.NatDetected, Services.Now);
            Sa.Host.InstallChild(Sa, child, keys, weInitiatedExchange: true, RekeyOf);
            Created = child;
            return TaskStatus.Done;
        }
    }

    private sealed class Responder : ChildCreate
    {
        private ChildSelection? _selection;
        private IReadOnlyList<TrafficSelector> _localTs = [];
        private IReadOnlyList<TrafficSelector> _remoteTs = [];
        private NotifyPayload? _error;
        private bool _childless;

        public Responder(IkeSa sa, bool inIkeAuth, ChildSa? rekeyOf)
            : base(sa, inIkeAuth, rekeyOf)
        {
        }

        public override TaskStatus Process(IkeMessage message)
        {
            if (Refusal is not null)
            {
                _error = Refusal;
                return TaskStatus.Failed;
            }

            var sa = message.Find<SaPayload>();
            if (sa is null && InIkeAuth)
            {
                // RFC 6023 childless IKE_AUTH: nothing to do
                _childless = true;
                return TaskStatus.Done;
            }

            var tsi = message.Find(PayloadType.TrafficSelectorInitiator) as TrafficSelectorPayload;
            var tsr = message.Find(PayloadType.TrafficSelectorResponder) as TrafficSelectorPayload;
            if (sa is null || tsi is null || tsr is null)
            {
                return Refuse(NotifyType.InvalidSyntax, Diag.LocalFailure(Exchange, "INVALID_SYNTAX", "the request lacks SA, TSi or TSr"));
            }

            DhRule rule = InIkeAuth ? DhRule.Ignore : Offer.Groups.Count > 0 ? DhRule.Required : DhRule.Forbidden;
            uint spi = AllocatedSpi = Services.Kernel.AllocateSpi();
            ChildSelection? selection = ProposalSelector.SelectChild(Offer, sa, rule, spi);
            if (selection is null)
            {
                return Refuse(NotifyType.NoProposalChosen, Diag.NoProposalChosenLocal(Exchange, TransformNames.Describe(sa), Offer.ToString()));
            }

            // the peer's TSi is its side, our remote; its TSr is our local (§2.9)
            _remoteTs = TrafficSelectors.Narrow(tsi.Selectors, Sa.Connection.RemoteSelectors);
            _localTs = TrafficSelectors.Narrow(tsr.Selectors, Sa.Connection.LocalSelectors);
            if (_remoteTs.Count == 0 || _localTs.Count == 0)
            {
                return Refuse(NotifyType.TsUnacceptable, Diag.TsUnacceptableLocal(Exchange,
                    TrafficSelectors.Describe(tsi.Selectors), TrafficSelectors.Describe(tsr.Selectors),
                    TrafficSelectors.Describe(Sa.Connection.LocalSelectors), TrafficSelectors.Describe(Sa.Connection.RemoteSelectors)));
            }

            byte[] nonceInitiator = Sa.NonceInitiator;
            byte[] nonceResponder = Sa.NonceResponder;
            byte[]? shared = null;
            if (!InIkeAuth)
            {
                ExchangeNonceInitiator = message.Find<NoncePayload>()!.Data.ToArray();
                ExchangeNonceResponder = Services.NewNonce();
                nonceInitiator = ExchangeNonceInitiator;
                nonceResponder = ExchangeNonceResponder;
                if (selection.Suite.Group is { } group)
                {
                    var ke = message.Find<KePayload>();
                    if (ke is null || ke.DhGroup != group.Id)
                    {
                        // §1.3: the KE must be of the chosen group; ask for it (a normal step, not a failure event)
                        _error = NotifyPayload.InvalidKe(group.Id);
                        return TaskStatus.Failed;
                    }

                    if (PeerPublicValue.Check(group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
                    {
                        return Refuse(NotifyType.InvalidSyntax, Diag.LocalFailure(Exchange, "INVALID_SYNTAX", $"the initiator's KE is not a valid {group.ShortName} value"));
                    }

                    KeyExchange = Services.KeyExchanges.Create(group);
                    shared = KeyExchange.ComputeSharedSecret(ke.KeyExchangeData.Span);
                }
            }

            _selection = selection;
            ChildSaKeys keys = DeriveKeys(selection.Suite, shared, nonceInitiator, nonceResponder);
            var child = new ChildSa(Sa.Connection.Name, selection.Suite, spi, selection.PeerSpi, _localTs, _remoteTs, Sa.NatDetected, Services.Now);
            Sa.Host.InstallChild(Sa, child, keys, weInitiatedExchange: false, RekeyOf);
            Created = child;
            return TaskStatus.Done;
        }

        public override TaskStatus Build(MessageBuilder message)
        {
            if (_childless)
            {
                return TaskStatus.Done;
            }

            if (_error is not null)
            {
                // inside IKE_AUTH the IDr and AUTH stay: the IKE SA is up even though the CHILD SA is not (§1.2)
                if (InIkeAuth)
                {
                    message.Add(_error);
                }
                else
                {
                    message.ReplaceWithError(_error);
                }

                return TaskStatus.Failed;
            }

            message.Add(new SaPayload([_selection!.Answer]));
            if (!InIkeAuth)
            {
                message.Add(new NoncePayload(ExchangeNonceResponder));
                if (KeyExchange is not null)
                {
                    message.Add(new KePayload(KeyExchange.Group.Id, KeyExchange.PublicValue.ToArray()));
                    KeyExchange.Dispose();
                    KeyExchange = null;
                }
            }

            message.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, _remoteTs));
            message.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, _localTs));
            return TaskStatus.Done;
        }

        private TaskStatus Refuse(NotifyType type, NegotiationDiagnostic diagnostic)
        {
            _error = NotifyPayload.Create(type);
            Failure = diagnostic;
            return TaskStatus.Failed;
        }
    }
}
