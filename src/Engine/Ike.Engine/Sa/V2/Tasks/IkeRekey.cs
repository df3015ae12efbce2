using System.Security.Cryptography;
using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Diagnostics;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.KeyExchange;
using Diag = Ike.Engine.Diagnostics.Diagnostics;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// Rekeying the IKE SA (RFC 7296 §1.3.2, §2.18): a new IKE SA with new SPIs and keys from the old SK_d, inheriting
/// every CHILD SA; the rekey's initiator then deletes the old IKE SA over the old SA.
/// <code>
/// HDR, SK {SA(new SPIi), Ni, KEi}  -->
///                            &lt;--  HDR, SK {SA(new SPIr), Nr, KEr}
/// SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr); keys = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
/// </code>
/// Simultaneous rekeying (§2.8.2): a peer's IKE rekey that arrives while ours is outstanding is answered normally and
/// its new SA kept <see cref="IkeSaState.Passive"/>. When our answer comes, three IKE SAs exist; "the new IKE SA
/// containing the lowest nonce SHOULD be deleted by the node that created it, and the other surviving new IKE SA MUST
/// inherit all the Child SAs". The winner's creator deletes the old SA as after any rekey. When only the peer noticed
/// (we finished first and answered its request with TEMPORARY_FAILURE), the peer learns it from our Delete of the old SA
/// or from that TEMPORARY_FAILURE and adopts our SA ("can forget its own rekey attempt").
/// </summary>
internal abstract class IkeRekey : IIkeTask, IDisposable
{
    protected IkeRekey(IkeSa sa) => Sa = sa;

    public IkeTaskType Type => IkeTaskType.IkeRekey;

    public NegotiationDiagnostic? Failure { get; protected set; }

    /// <summary>The IKE SA this rekey made, once it did.</summary>
    public IkeSa? Created { get; protected set; }

    protected IkeSa Sa { get; }

    protected EngineServices Services => Sa.Host.Services;

    public static IkeRekey ForInitiator(IkeSa sa) => new Initiator(sa);

    public static IkeRekey ForResponder(IkeSa sa) => new Responder(sa);

    public abstract TaskStatus Build(MessageBuilder message);

    public abstract TaskStatus Process(IkeMessage message);

    public abstract void Dispose();

    /// <summary>The new SA: same connection, endpoints and NAT state, new SPIs, keys from §2.18; role from this exchange.</summary>
    protected IkeSa MakeSuccessor(IkeSuite suite, byte[] shared, byte[] nonceInitiator, byte[] nonceResponder, ulong spiInitiator, ulong spiResponder, bool weInitiated)
    {
        try
        {
            IkeSaKeys keys = KeyMaterialV2.DeriveRekeyedIkeSaKeys(
                Sa.Prf!, Sa.SkD, suite.KeySuite, shared, nonceInitiator, nonceResponder, spiInitiator, spiResponder);
            var successor = new IkeSa(Sa.Host, Sa.Connection, weInitiated, spiInitiator, spiResponder, Sa.Local, Sa.Remote)
            {
                NonceInitiator = nonceInitiator,
                NonceResponder = nonceResponder,
                LocalBehindNat = Sa.LocalBehindNat,
                RemoteBehindNat = Sa.RemoteBehindNat,
                PeerSupportsNatTraversal = Sa.PeerSupportsNatTraversal,
                PeerId = Sa.PeerId,
                CreatedAt = Services.Now,
                EstablishedAt = Services.Now,
                LastInbound = Services.Now,
                State = IkeSaState.Established,
            };
            successor.InstallKeys(suite, keys);
            return successor;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private sealed class Initiator : IkeRekey
    {
        private ulong _spi;
        private DhGroup _group;
        private IKeyExchange? _keyExchange;
        private byte[] _nonce = [];
        private Responder? _collidingPeerRekey;

        public Initiator(IkeSa sa)
            : base(sa) =>
            _group = sa.Connection.IkeOffer.Groups.Contains(sa.Suite!.Group) ? sa.Suite.Group : sa.Connection.IkeOffer.PreferredGroup!;

        public override TaskStatus Build(MessageBuilder message)
        {
            if (Sa.State != IkeSaState.Established)
            {
                return TaskStatus.Failed;
            }

            Sa.State = IkeSaState.Rekeying;
            _spi = _spi != 0 ? _spi : Sa.Host.AllocateIkeSpi();
            _nonce = Services.NewNonce();
            _keyExchange?.Dispose();
            _keyExchange = Services.KeyExchanges.Create(_group);
            message.Add(new SaPayload([ProposalSelector.BuildIkeProposal(Sa.Connection.IkeOffer, _spi)]));
            message.Add(new NoncePayload(_nonce));
            message.Add(new KePayload(_group.Id, _keyExchange.PublicValue.ToArray()));
            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IkeMessage message)
        {
            TaskStatus status = ProcessResponse(message);
            if (status != TaskStatus.NeedMore)
            {
                _keyExchange?.Dispose();
                _keyExchange = null;
            }

            if (status == TaskStatus.Failed && Sa.State == IkeSaState.Rekeying)
            {
                Sa.State = IkeSaState.Established;
                if (Sa.PeerRekeyedInto is { State: IkeSaState.Passive } peers)
                {
                    // §2.8.2: the peer finished its rekey first and refused ours (TEMPORARY_FAILURE): forget ours,
                    // its SA inherits the CHILD SAs and the peer deletes the old one
                    EngineLog.Collision(Services.Log, Sa.Describe(), $"our IKE rekey was refused, adopting the peer's {peers.Describe()}");
                    Sa.Host.AdoptRekeyedIkeSa(Sa, peers);
                }
                else
                {
                    Sa.Host.ScheduleIkeRekeyRetry(Sa);
                }
            }

            return status;
        }

        /// <summary>Called by the responder side when the peer's rekey of the same SA arrived while ours is outstanding.</summary>
        public void CollidedWith(Responder peerRekey) => _collidingPeerRekey = peerRekey;

        public override void Dispose()
        {
            _keyExchange?.Dispose();
            _keyExchange = null;
        }

        private TaskStatus ProcessResponse(IkeMessage message)
        {
            string offered = Sa.Connection.IkeOffer.ToString();
            if (message.FindNotify(NotifyType.InvalidKePayload) is { } invalidKe)
            {
                DhGroup? wanted = invalidKe.TryGetAcceptedDhGroup(out ushort id) ? AlgorithmCatalog.FindDhGroupById(id) : null;
                if (wanted is not null && wanted != _group && Sa.Connection.IkeOffer.Groups.Contains(wanted))
                {
                    _group = wanted;
                    Sa.State = IkeSaState.Established;
                    return TaskStatus.NeedMore;
                }

                Failure = Diag.InvalidKe(ExchangeType.CreateChildSa, $"peer wants group {id}, we offer {offered}");
                return TaskStatus.Failed;
            }

            if (message.Notifies.FirstOrDefault(n => n.IsError) is { } error)
            {
                Failure = error.NotifyType switch
                {
                    NotifyType.TemporaryFailure => null,
                    NotifyType.NoProposalChosen => Diag.NoProposalChosenPeer(ExchangeType.CreateChildSa, offered),
                    _ => Diag.PeerNotify(ExchangeType.CreateChildSa, error.NotifyType, "peer refused the IKE SA rekey"),
                };
                return TaskStatus.Failed;
            }

            var sa = message.Find<SaPayload>();
            var nonce = message.Find<NoncePayload>();
            var ke = message.Find<KePayload>();
            ulong newResponderSpi = 0;
            IkeSuite? suite = sa is null ? null : ProposalSelector.AcceptIke(Sa.Connection.IkeOffer, sa, out newResponderSpi);
            // §1.3.2: the answer names the responder's SPI of the new IKE SA
            if (suite is null || newResponderSpi == 0 || nonce is null || ke is null)
            {
                Failure = Diag.LocalFailure(ExchangeType.CreateChildSa, "NO_PROPOSAL_CHOSEN", $"the IKE rekey answer is not one of our proposal {offered}");
                return TaskStatus.Failed;
            }

            if (suite.Group != _group || ke.DhGroup != _group.Id || PeerPublicValue.Check(_group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
            {
                Failure = Diag.LocalFailure(ExchangeType.CreateChildSa, "INVALID_KE_PAYLOAD", $"the responder's KE is not a valid {_group.ShortName} value");
                return TaskStatus.Failed;
            }

            byte[] shared = _keyExchange!.ComputeSharedSecret(ke.KeyExchangeData.Span);
            byte[] responderNonce = nonce.Data.ToArray();
            // §2.18: the rekey's initiator is the new SA's initiator; SPIi is ours, SPIr the peer's
            Created = MakeSuccessor(suite, shared, _nonce, responderNonce, _spi, newResponderSpi, weInitiated: true);
            if (_collidingPeerRekey is { Created: { State: IkeSaState.Passive } peers } peerRekey
                && ReferenceEquals(Sa.PeerRekeyedInto, peers) && LostCollision(responderNonce, peerRekey))
            {
                // ours holds the lowest nonce: we created it, we delete it; the peer's inherits the CHILD SAs, and
                // the peer, as its rekey's initiator, deletes the old SA
                EngineLog.Collision(Services.Log, Sa.Describe(), $"lost the IKE rekey collision: keeping the peer's {peers.Describe()}, deleting ours {Created.Describe()}");
                Sa.Host.AdoptRekeyedIkeSa(Sa, peers);
                Sa.Host.RetireRedundantIkeSa(Created);
                return TaskStatus.Done;
            }

            if (_collidingPeerRekey is not null)
            {
                // the peer's new SA stays passive until the peer, its creator, deletes it
                EngineLog.Collision(Services.Log, Sa.Describe(), $"won the IKE rekey collision: keeping {Created.Describe()}");
            }

            Sa.Host.AdoptRekeyedIkeSa(Sa, Created);
            return TaskStatus.Done;
        }

        /// <summary>§2.8.2 with §2.8.1's comparison: the SA whose exchange holds the lowest of the four nonces is redundant.</summary>
        private bool LostCollision(byte[] responderNonce, Responder peerRekey)
        {
            byte[] lowest = ChildRekey.Lowest(_nonce, responderNonce, peerRekey.PeerNonce, peerRekey.OwnNonce);
            return ReferenceEquals(lowest, _nonce) || ReferenceEquals(lowest, responderNonce);
        }
    }

    private sealed class Responder : IkeRekey, IAfterResponse
    {
        private Initiator? _collision;
        private NotifyPayload? _error;
        private IkeSelection? _selection;
        private IKeyExchange? _keyExchange;
        private byte[] _nonce = [];

        public Responder(IkeSa sa)
            : base(sa)
        {
        }

        /// <summary>The initiator's and our nonce of this exchange, kept for the §2.8.2 comparison (copies: the SA's own
        /// are wiped when it dies).</summary>
        public byte[] PeerNonce { get; private set; } = [];

        public byte[] OwnNonce => _nonce;

        public override TaskStatus Process(IkeMessage message)
        {
            Initiator? ours = Sa.Tasks.Active?.Tasks.OfType<Initiator>().FirstOrDefault();
            if (Sa.State == IkeSaState.Rekeying && ours is not null && Sa.PeerRekeyedInto is null)
            {
                // §2.8.2: both ends rekey this SA; answer normally, our own exchange's answer decides
                _collision = ours;
                EngineLog.Collision(Services.Log, Sa.Describe(), "simultaneous IKE SA rekey");
            }
            else if (Sa.State != IkeSaState.Established || ours is not null)
            {
                // §2.25 / §2.8.2: busy closing this very SA (already rekeyed by us, or being deleted)
                _error = NotifyPayload.Create(NotifyType.TemporaryFailure);
                return TaskStatus.Failed;
            }

            var sa = message.Find<SaPayload>()!;
            var nonce = message.Find<NoncePayload>()!;
            var ke = message.Find<KePayload>();
            ulong spi = Sa.Host.AllocateIkeSpi();
            IkeSelection? selection = ProposalSelector.SelectIke(Sa.Connection.IkeOffer, sa, spi);
            if (selection is null || !selection.Offered.TryGetIkeSpi(out ulong peerSpi) || peerSpi == 0)
            {
                _error = NotifyPayload.Create(NotifyType.NoProposalChosen);
                Failure = Diag.NoProposalChosenLocal(ExchangeType.CreateChildSa, TransformNames.Describe(sa), Sa.Connection.IkeOffer.ToString());
                return TaskStatus.Failed;
            }

            if (ke is null || ke.DhGroup != selection.Suite.Group.Id)
            {
                _error = NotifyPayload.InvalidKe(selection.Suite.Group.Id);
                return TaskStatus.Failed;
            }

            if (PeerPublicValue.Check(selection.Suite.Group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
            {
                _error = NotifyPayload.Create(NotifyType.InvalidSyntax);
                return TaskStatus.Failed;
            }

            _selection = selection;
            _nonce = Services.NewNonce();
            PeerNonce = nonce.Data.ToArray();
            _keyExchange = Services.KeyExchanges.Create(selection.Suite.Group);
            byte[] shared = _keyExchange.ComputeSharedSecret(ke.KeyExchangeData.Span);
            Created = MakeSuccessor(selection.Suite, shared, nonce.Data.ToArray(), _nonce, peerSpi, spi, weInitiated: false);
            return TaskStatus.Done;
        }

        public override void Dispose()
        {
            _keyExchange?.Dispose();
            _keyExchange = null;
        }

        public override TaskStatus Build(MessageBuilder message)
        {
            if (_error is not null)
            {
                message.ReplaceWithError(_error);
                return TaskStatus.Failed;
            }

            message.Add(new SaPayload([_selection!.Answer]));
            message.Add(new NoncePayload(_nonce));
            message.Add(new KePayload(_selection.Suite.Group.Id, _keyExchange!.PublicValue.ToArray()));
            _keyExchange.Dispose();
            _keyExchange = null;
            return TaskStatus.Done;
        }

        /// <summary>The new SA exists for the peer once it has our answer; the old one waits for the peer's Delete. In a
        /// collision the new SA waits, passive, for our own exchange to decide (§2.8.2).</summary>
        public void AfterResponseSent()
        {
            if (Created is null)
            {
                return;
            }

            if (_collision is not null)
            {
                Sa.Host.HoldPassiveSuccessor(Sa, Created);
                _collision.CollidedWith(this);
                return;
            }

            Sa.Host.AdoptRekeyedIkeSa(Sa, Created);
        }
    }
}
