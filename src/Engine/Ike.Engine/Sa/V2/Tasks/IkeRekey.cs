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
/// Rekeying the IKE SA (RFC 7296 §1.3.2, §2.18): a new IKE SA with new SPIs and keys from the old SK_d, inheriting
/// every CHILD SA; the rekey's initiator then deletes the old IKE SA over the old SA.
/// <code>
/// HDR, SK {SA(new SPIi), Ni, KEi}  -->
///                            &lt;--  HDR, SK {SA(new SPIr), Nr, KEr}
/// SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr); keys = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
/// </code>
/// A peer's IKE rekey that arrives while ours is outstanding is answered with TEMPORARY_FAILURE (§2.25) rather than
/// the §2.8.2 nonce comparison; both ends retry after a random delay, so one of them wins the next round.
/// </summary>
internal abstract class IkeRekey : IIkeTask
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
                Sa.Host.ScheduleIkeRekeyRetry(Sa);
            }

            return status;
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
            // §2.18: the rekey's initiator is the new SA's initiator; SPIi is ours, SPIr the peer's
            Created = MakeSuccessor(suite, shared, _nonce, nonce.Data.ToArray(), _spi, newResponderSpi, weInitiated: true);
            Sa.Host.AdoptRekeyedIkeSa(Sa, Created);
            return TaskStatus.Done;
        }
    }

    private sealed class Responder : IkeRekey, IAfterResponse
    {
        private NotifyPayload? _error;
        private IkeSelection? _selection;
        private IKeyExchange? _keyExchange;
        private byte[] _nonce = [];

        public Responder(IkeSa sa)
            : base(sa)
        {
        }

        public override TaskStatus Process(IkeMessage message)
        {
            if (Sa.State != IkeSaState.Established || Sa.Tasks.Active?.Tasks.Any(t => t.Type == IkeTaskType.IkeRekey) == true)
            {
                // §2.25: busy rekeying or closing this very SA
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
            _keyExchange = Services.KeyExchanges.Create(selection.Suite.Group);
            byte[] shared = _keyExchange.ComputeSharedSecret(ke.KeyExchangeData.Span);
            Created = MakeSuccessor(selection.Suite, shared, nonce.Data.ToArray(), _nonce, peerSpi, spi, weInitiated: false);
            return TaskStatus.Done;
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

        /// <summary>The new SA exists for the peer once it has our answer; the old one waits for the peer's Delete.</summary>
        public void AfterResponseSent()
        {
            if (Created is not null)
            {
                Sa.Host.AdoptRekeyedIkeSa(Sa, Created);
            }
        }
    }
}
