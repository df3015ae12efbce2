using System.Security.Cryptography;
using Ike.Encoding;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Config.V1;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.KeyExchange;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;
using TrafficSelector = Ike.Encoding.V2.Payloads.TrafficSelector;

namespace Ike.Engine.Sa.V1.Tasks;

/// <summary>
/// Quick mode (RFC 2409 §5.5): one ESP SA pair for the connection's subnet pair, optionally with PFS.
/// <code>
///  Initiator                                      Responder
///  HDR*, HASH(1), SA, Ni [, KE ] [, IDci, IDcr ]  --&gt;
///                             &lt;--  HDR*, HASH(2), SA, Nr [, KE ] [, IDci, IDcr ]
///  HDR*, HASH(3)                                  --&gt;
/// HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ])
/// HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ])
/// HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
/// KEYMAT  = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b), one per direction
/// </code>
/// The initiator installs the pair once message 2 checked out, the responder once message 3 proves the initiator
/// has the keys. A failure leaves the ISAKMP SA alone.
/// </summary>
internal abstract class QuickMode : IIsakmpTask, IDisposable
{
    /// <summary>PROTO_IPSEC_ESP, the protocol octet of KEYMAT (RFC 2407 §4.4.1).</summary>
    private const byte EspProtocol = (byte)IpsecProtocolId.Esp;

    private protected QuickMode(IsakmpSa sa) => Sa = sa;

    public IsakmpTaskType Type => IsakmpTaskType.QuickMode;

    public NegotiationDiagnostic? Failure { get; protected set; }

    public IsakmpNotifyType? ErrorToSend { get; protected set; }

    /// <summary>The IPsec SA pair this quick mode installed, once it did.</summary>
    public ChildSa? Created { get; protected set; }

    protected IsakmpSa Sa { get; }

    protected EngineServices Services => Sa.Host.Services;

    protected AlgorithmOffer Offer => Sa.Connection.ChildOffer;

    protected IKeyExchange? KeyExchange { get; set; }

    /// <summary>Our inbound SPI while it is not installed; released if the exchange dies.</summary>
    protected uint OurSpi { get; set; }

    protected byte[] NonceInitiator { get; set; } = [];

    protected byte[] NonceResponder { get; set; } = [];

    public static QuickMode ForInitiator(IsakmpSa sa, ChildSa? rekeyOf = null) => new Initiator(sa, rekeyOf);

    public static QuickMode ForResponder(IsakmpSa sa) => new Responder(sa);

    public abstract TaskStatus Build(IsakmpMessageBuilder message);

    public abstract TaskStatus Process(IsakmpMessage message, int number);

    public virtual void Dispose()
    {
        KeyExchange?.Dispose();
        KeyExchange = null;
        if (Created is null && OurSpi != 0)
        {
            Services.Kernel.ReleaseSpi(OurSpi);
        }
    }

    protected TaskStatus Fail(NegotiationDiagnostic failure, IsakmpNotifyType? notify = null)
    {
        Failure = failure;
        ErrorToSend = notify;
        return TaskStatus.Failed;
    }

    /// <summary>Adds HASH(n) in front of everything else the message carries.</summary>
    protected void AddHash(IsakmpMessageBuilder message, Func<byte[], byte[]> hashOverRest) =>
        message.AddFirst(new HashPayload(hashOverRest(IsakmpMessageCodec.EncodeChain(message.Payloads))));

    protected bool HashMatches(IsakmpMessage message, byte[] expected) =>
        message.Payloads is [HashPayload hash, ..] && CryptographicOperations.FixedTimeEquals(hash.Data.Span, expected);

    /// <summary>g(qm)^xy with the peer's KE, or null (and a failure) when it is missing or not a value of the group.</summary>
    protected byte[]? SharedSecret(DhGroup group, KePayload? ke, IKeyExchange ours)
    {
        if (ke is null || PeerPublicValue.Check(group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
        {
            return null;
        }

        return ours.ComputeSharedSecret(ke.KeyExchangeData.Span);
    }

    protected ChildSaKeys DeriveKeys(ChildSuite suite, byte[]? shared, uint responderSpi, uint initiatorSpi)
    {
        try
        {
            return KeyMaterialV1.DeriveChildSaKeys(Sa.Prf!, Sa.Keys.SkeyIdD, suite.KeySuite, shared ?? [], EspProtocol, responderSpi, initiatorSpi,
                NonceInitiator, NonceResponder);
        }
        finally
        {
            if (shared is not null)
            {
                CryptographicOperations.ZeroMemory(shared);
            }
        }
    }

    private sealed class Initiator(IsakmpSa sa, ChildSa? rekeyOf) : QuickMode(sa)
    {
        private DhGroup? _group;
        private IdPayload? _localId;
        private IdPayload? _remoteId;

        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            if (message.Number == 1)
            {
                OurSpi = Services.Kernel.AllocateSpi();
                _group = Offer.PreferredGroup;
                NonceInitiator = Services.NewNonce();
                EncapsulationMode mode = Sa.NatTraversal.TunnelMode(Sa.NatDetected);
                message.Add(Ikev1Proposals.BuildEsp(Offer, OurSpi, Sa.Connection.Config.ChildLifetime, mode, _group));
                message.Add(new NoncePayload(NonceInitiator));
                if (_group is not null)
                {
                    KeyExchange = Services.KeyExchanges.Create(_group);
                    message.Add(new KePayload(KeyExchange.PublicValue.ToArray()));
                }

                _localId = Ikev1Identities.ForSubnet(Sa.Connection.Config.LocalSubnets[0]);
                _remoteId = Ikev1Identities.ForSubnet(Sa.Connection.Config.RemoteSubnets[0]);
                message.Add(_localId);
                message.Add(_remoteId);
                AddHash(message, rest => KeyMaterialV1.ComputeMessageHash(Sa.Prf!, Sa.Keys.SkeyIdA, message.MessageId, rest));
                return TaskStatus.NeedMore;
            }

            AddHash(message, _ => KeyMaterialV1.ComputeQuickModeHash3(Sa.Prf!, Sa.Keys.SkeyIdA, message.MessageId, NonceInitiator, NonceResponder));
            return TaskStatus.Done;
        }

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            if (!HashMatches(message, KeyMaterialV1.ComputeQuickModeHash2(Sa.Prf!, Sa.Keys.SkeyIdA, message.MessageId, NonceInitiator, message.GetChainBytes(1).Span)))
            {
                return Fail(Diag.LocalFailure(Diag.QuickMode, "INVALID_HASH_INFORMATION", "HASH(2) of the responder's answer does not verify"));
            }

            var answer = message.Find<SaPayload>()!;
            if (Ikev1Proposals.AcceptEsp(Offer, answer, _group, out uint peerSpi) is not { } suite)
            {
                return Fail(Diag.InvalidProposalAnswer(Diag.QuickMode, Ikev1TransformNames.Describe(answer), Offer.ToString()), IsakmpNotifyType.NoProposalChosen);
            }

            NonceResponder = message.Find<NoncePayload>()!.Data.ToArray();
            byte[]? shared = null;
            if (_group is not null && (shared = SharedSecret(_group, message.Find<KePayload>(), KeyExchange!)) is null)
            {
                return Fail(Diag.LocalFailure(Diag.QuickMode, "INVALID_KEY_INFORMATION", $"the responder's KE is missing or not a valid {_group.ShortName} value"));
            }

            var ids = message.FindAll<IdPayload>().ToList();
            if (ids.Count == 2 && (!ids[0].Equals(_localId) || !ids[1].Equals(_remoteId)))
            {
                if (shared is not null)
                {
                    CryptographicOperations.ZeroMemory(shared);
                }

                return Fail(Diag.LocalFailure(Diag.QuickMode, "INVALID_ID_INFORMATION", "the responder answered with other identities than we proposed"));
            }

            ChildSaKeys keys = DeriveKeys(suite, shared, responderSpi: peerSpi, initiatorSpi: OurSpi);
            var child = new ChildSa(Sa.Connection.Name, suite, OurSpi, peerSpi,
                [Ikev1Identities.ToSelector(_localId!)!], [Ikev1Identities.ToSelector(_remoteId!)!], Sa.NatDetected, Services.Now);
            Created = child;
            Sa.Host.InstallChild(Sa, child, keys, weInitiated: true, rekeyOf);
            return TaskStatus.NeedMore;
        }
    }

    private sealed class Responder(IsakmpSa sa) : QuickMode(sa)
    {
        private EspSelection? _selection;
        private IReadOnlyList<IdPayload> _ids = [];
        private ChildSaKeys? _keys;
        private TrafficSelector? _localTs;
        private TrafficSelector? _remoteTs;

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            if (number == 1)
            {
                return ProcessRequest(message);
            }

            if (!HashMatches(message, KeyMaterialV1.ComputeQuickModeHash3(Sa.Prf!, Sa.Keys.SkeyIdA, message.MessageId, NonceInitiator, NonceResponder)))
            {
                return Fail(Diag.LocalFailure(Diag.QuickMode, "INVALID_HASH_INFORMATION", "HASH(3) of the initiator does not verify"));
            }

            var child = new ChildSa(Sa.Connection.Name, _selection!.Suite, OurSpi, _selection.PeerSpi, [_localTs!], [_remoteTs!], Sa.NatDetected, Services.Now);
            ChildSaKeys keys = _keys!;
            _keys = null;
            Created = child;
            Sa.Host.InstallChild(Sa, child, keys, weInitiated: false, rekeyOf: null);
            return TaskStatus.Done;
        }

        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            message.Add(new SaPayload([_selection!.Answer]));
            message.Add(new NoncePayload(NonceResponder));
            if (KeyExchange is not null)
            {
                message.Add(new KePayload(KeyExchange.PublicValue.ToArray()));
                KeyExchange.Dispose();
                KeyExchange = null;
            }

            foreach (IdPayload id in _ids)
            {
                message.Add(id);
            }

            AddHash(message, rest => KeyMaterialV1.ComputeQuickModeHash2(Sa.Prf!, Sa.Keys.SkeyIdA, message.MessageId, NonceInitiator, rest));
            return TaskStatus.NeedMore;
        }

        public override void Dispose()
        {
            _keys?.Dispose();
            _keys = null;
            base.Dispose();
        }

        private TaskStatus ProcessRequest(IsakmpMessage message)
        {
            if (!HashMatches(message, KeyMaterialV1.ComputeMessageHash(Sa.Prf!, Sa.Keys.SkeyIdA, message.MessageId, message.GetChainBytes(1).Span)))
            {
                return Fail(Diag.LocalFailure(Diag.QuickMode, "INVALID_HASH_INFORMATION", "HASH(1) of the initiator's request does not verify"));
            }

            var offered = message.Find<SaPayload>()!;
            KePayload? ke = message.Find<KePayload>();
            OurSpi = Services.Kernel.AllocateSpi();
            _selection = Ikev1Proposals.SelectEsp(Offer, offered, OurSpi, ke is not null);
            if (_selection is null)
            {
                return Fail(Diag.NoProposalChosenLocal(Diag.QuickMode, Ikev1TransformNames.Describe(offered), DescribeOffer()), IsakmpNotifyType.NoProposalChosen);
            }

            // RFC 2409 §5.5: without client identities the SA protects the ISAKMP peers' own addresses
            _ids = message.FindAll<IdPayload>().ToList();
            TrafficSelector? remote = _ids.Count == 2 ? Ikev1Identities.ToSelector(_ids[0]) : Ikev1Identities.ForHost(Sa.Remote.Address);
            TrafficSelector? local = _ids.Count == 2 ? Ikev1Identities.ToSelector(_ids[1]) : Ikev1Identities.ForHost(Sa.Local.Address);
            if (remote is null || local is null
                || !TrafficSelectors.IsSubsetOf([remote], Sa.Connection.RemoteSelectors) || !TrafficSelectors.IsSubsetOf([local], Sa.Connection.LocalSelectors))
            {
                return Fail(Diag.IdentitiesUnacceptableLocal(
                    remote is null ? DescribeId(_ids[0]) : TrafficSelectors.Describe(remote), local is null ? DescribeId(_ids[1]) : TrafficSelectors.Describe(local),
                    TrafficSelectors.Describe(Sa.Connection.LocalSelectors), TrafficSelectors.Describe(Sa.Connection.RemoteSelectors)),
                    IsakmpNotifyType.InvalidIdInformation);
            }

            _remoteTs = remote;
            _localTs = local;
            NonceInitiator = message.Find<NoncePayload>()!.Data.ToArray();
            NonceResponder = Services.NewNonce();
            byte[]? shared = null;
            if (_selection.Suite.Group is { } group)
            {
                KeyExchange = Services.KeyExchanges.Create(group);
                if ((shared = SharedSecret(group, ke, KeyExchange)) is null)
                {
                    return Fail(Diag.LocalFailure(Diag.QuickMode, "INVALID_KEY_INFORMATION", $"the initiator's KE is not a valid {group.ShortName} value"),
                        IsakmpNotifyType.InvalidKeyInformation);
                }
            }

            _keys = DeriveKeys(_selection.Suite, shared, responderSpi: OurSpi, initiatorSpi: _selection.PeerSpi);
            return TaskStatus.NeedMore;
        }

        /// <summary>"aes/sha256" or "aes/sha256/modp2048": what we accept, PFS included, in the diagnostics' words.</summary>
        private string DescribeOffer() => Offer.ToString();

        private static string DescribeId(IdPayload id) => $"id-type-{(byte)id.IdType}";
    }
}
