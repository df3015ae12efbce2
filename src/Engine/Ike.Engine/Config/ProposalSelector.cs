using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ipsec.Crypto.Algorithms;

namespace Ike.Engine.Config;

/// <summary>
/// Proposal building and selection (RFC 7296 §2.7, §3.3), pure: our offer and the peer's SA payload in, the chosen
/// suite out. No state, no I/O, so it is tested with tables.
/// </summary>
/// <remarks>
/// The responder walks the initiator's proposals in the initiator's order of preference and, inside each, picks per
/// transform type the first transform it accepts (§2.7: "the responder MUST choose a single suite ... and it MUST
/// choose one of each type of transform"). A transform with an attribute we do not understand is skipped (§3.3.6).
/// The initiator checks that the answer holds exactly one proposal with one transform of each type that it offered.
/// </remarks>
public static class ProposalSelector
{
    /// <summary>The ESN transform "No Extended Sequence Numbers" (§3.3.2): our ESP keeps 32-bit sequence numbers.</summary>
    public const ushort NoEsn = 0;

    /// <summary>The D-H transform NONE (IANA Transform Type 4, value 0).</summary>
    public const ushort DhNone = 0;

    /// <summary>IKE proposal of an initiator: every encryption, PRF, integrity and group of the offer in one proposal.
    /// <paramref name="rekeySpi"/> is the new SPI when rekeying the IKE SA (§1.3.2), null in IKE_SA_INIT.</summary>
    public static Proposal BuildIkeProposal(AlgorithmOffer offer, ulong? rekeySpi = null)
    {
        var transforms = new List<Transform>();
        transforms.AddRange(offer.Encryption.Select(EncryptionTransform));
        transforms.AddRange(offer.Integrity.Select(a => new Transform(TransformType.PseudorandomFunction, a.Ikev2PrfId)));
        transforms.AddRange(offer.Integrity.Select(a => new Transform(TransformType.Integrity, a.Ikev2IntegrityId)));
        transforms.AddRange(offer.Groups.Select(g => new Transform(TransformType.DiffieHellmanGroup, g.Id)));
        return rekeySpi is { } spi ? Proposal.ForIkeRekey(1, spi, transforms) : Proposal.ForIkeSaInit(1, transforms);
    }

    /// <summary>ESP proposal of an initiator with its inbound SPI; the groups only when <paramref name="withPfs"/>.</summary>
    public static Proposal BuildChildProposal(AlgorithmOffer offer, uint spi, bool withPfs)
    {
        var transforms = new List<Transform>();
        transforms.AddRange(offer.Encryption.Select(EncryptionTransform));
        transforms.AddRange(offer.Integrity.Select(a => new Transform(TransformType.Integrity, a.Ikev2IntegrityId)));
        if (withPfs)
        {
            transforms.AddRange(offer.Groups.Select(g => new Transform(TransformType.DiffieHellmanGroup, g.Id)));
        }

        transforms.Add(new Transform(TransformType.ExtendedSequenceNumbers, NoEsn));
        return Proposal.ForChildSa(1, IpsecProtocolId.Esp, spi, transforms);
    }

    /// <summary>Responder: the first of the peer's IKE proposals we can accept, as the suite and as the one-proposal
    /// answer (its SPI set to <paramref name="responderRekeySpi"/> when rekeying); null means NO_PROPOSAL_CHOSEN.</summary>
    public static IkeSelection? SelectIke(AlgorithmOffer ours, SaPayload theirs, ulong? responderRekeySpi = null)
    {
        foreach (Proposal proposal in theirs.Proposals)
        {
            if (proposal.ProtocolId != IpsecProtocolId.Ike)
            {
                continue;
            }

            Transform? encryption = FirstAccepted(proposal, TransformType.Encryption, t => FindEncryption(ours, t) is not null);
            Transform? prf = FirstAccepted(proposal, TransformType.PseudorandomFunction, t => FindPrf(ours, t) is not null);
            Transform? integrity = FirstAccepted(proposal, TransformType.Integrity, t => FindIntegrity(ours, t) is not null);
            Transform? group = FirstAccepted(proposal, TransformType.DiffieHellmanGroup, t => FindGroup(ours, t) is not null);
            if (encryption is null || prf is null || integrity is null || group is null)
            {
                continue;
            }

            var suite = new IkeSuite(FindEncryption(ours, encryption)!, FindPrf(ours, prf)!, FindIntegrity(ours, integrity)!, FindGroup(ours, group)!);
            Transform[] chosenTransforms = [encryption, prf, integrity, group];
            Proposal chosen = responderRekeySpi is { } spi
                ? Proposal.ForIkeRekey(proposal.Number, spi, chosenTransforms)
                : new Proposal(proposal.Number, IpsecProtocolId.Ike, ReadOnlyMemory<byte>.Empty, chosenTransforms);
            return new IkeSelection(suite, chosen, proposal);
        }

        return null;
    }

    /// <summary>Responder: the first ESP proposal we can accept under <paramref name="dhRule"/>, answered with our
    /// inbound <paramref name="responderSpi"/>; null means NO_PROPOSAL_CHOSEN.</summary>
    public static ChildSelection? SelectChild(AlgorithmOffer ours, SaPayload theirs, DhRule dhRule, uint responderSpi)
    {
        foreach (Proposal proposal in theirs.Proposals)
        {
            if (proposal.ProtocolId != IpsecProtocolId.Esp || !proposal.TryGetChildSpi(out uint peerSpi))
            {
                continue;
            }

            Transform? encryption = FirstAccepted(proposal, TransformType.Encryption, t => FindEncryption(ours, t) is not null);
            Transform? integrity = FirstAccepted(proposal, TransformType.Integrity, t => FindIntegrity(ours, t) is not null);
            if (encryption is null || integrity is null || HasUnknownType(proposal))
            {
                continue;
            }

            // §3.3.2: ESN is mandatory in ESP proposals; a peer that only offers ESN cannot talk to our 32-bit ESP.
            bool offersEsnType = proposal.Transforms.Any(t => t.Type == TransformType.ExtendedSequenceNumbers);
            Transform? esn = FirstAccepted(proposal, TransformType.ExtendedSequenceNumbers, t => t.Id == NoEsn);
            if (offersEsnType && esn is null)
            {
                continue;
            }

            bool offersGroups = proposal.Transforms.Any(t => t.Type == TransformType.DiffieHellmanGroup);
            Transform? group = null;
            switch (dhRule)
            {
                case DhRule.Required:
                    group = FirstAccepted(proposal, TransformType.DiffieHellmanGroup, t => FindGroup(ours, t) is not null);
                    if (group is null)
                    {
                        continue;
                    }

                    break;
                case DhRule.Forbidden when offersGroups:
                    group = FirstAccepted(proposal, TransformType.DiffieHellmanGroup, t => t.Id == DhNone);
                    if (group is null)
                    {
                        continue;
                    }

                    break;
            }

            var suite = new ChildSuite(
                FindEncryption(ours, encryption)!, FindIntegrity(ours, integrity)!,
                dhRule == DhRule.Required ? FindGroup(ours, group!) : null);
            var transforms = new List<Transform> { encryption, integrity };
            if (group is not null)
            {
                transforms.Add(group);
            }

            if (esn is not null)
            {
                transforms.Add(esn);
            }

            Proposal chosen = Proposal.ForChildSa(proposal.Number, IpsecProtocolId.Esp, responderSpi, transforms);
            return new ChildSelection(suite, chosen, peerSpi);
        }

        return null;
    }

    /// <summary>Initiator: the suite the responder chose, or null when the answer breaks §2.7 (more than one proposal,
    /// several transforms of a type, or something we never offered).</summary>
    public static IkeSuite? AcceptIke(AlgorithmOffer ours, SaPayload answer, out ulong responderRekeySpi)
    {
        responderRekeySpi = 0;
        if (answer.Proposals.Count != 1 || answer.Proposals[0] is not { ProtocolId: IpsecProtocolId.Ike } proposal)
        {
            return null;
        }

        proposal.TryGetIkeSpi(out responderRekeySpi);
        if (!ExactlyOnePerType(proposal, TransformType.Encryption, TransformType.PseudorandomFunction, TransformType.Integrity, TransformType.DiffieHellmanGroup))
        {
            return null;
        }

        EncryptionAlgorithm? encryption = FindEncryption(ours, Single(proposal, TransformType.Encryption));
        AuthAlgorithm? prf = FindPrf(ours, Single(proposal, TransformType.PseudorandomFunction));
        AuthAlgorithm? integrity = FindIntegrity(ours, Single(proposal, TransformType.Integrity));
        DhGroup? group = FindGroup(ours, Single(proposal, TransformType.DiffieHellmanGroup));
        return encryption is null || prf is null || integrity is null || group is null
            ? null
            : new IkeSuite(encryption, prf, integrity, group);
    }

    /// <summary>Initiator: the ESP suite and the responder's inbound SPI, or null when the answer is not one of ours.
    /// <paramref name="pfsGroup"/> is the group our KE used, null when we sent none.</summary>
    public static (ChildSuite Suite, uint ResponderSpi)? AcceptChild(AlgorithmOffer ours, SaPayload answer, DhGroup? pfsGroup)
    {
        if (answer.Proposals.Count != 1 || answer.Proposals[0] is not { ProtocolId: IpsecProtocolId.Esp } proposal
            || !proposal.TryGetChildSpi(out uint spi))
        {
            return null;
        }

        if (!ExactlyOnePerType(proposal, TransformType.Encryption, TransformType.Integrity) || HasUnknownType(proposal))
        {
            return null;
        }

        EncryptionAlgorithm? encryption = FindEncryption(ours, Single(proposal, TransformType.Encryption));
        AuthAlgorithm? integrity = FindIntegrity(ours, Single(proposal, TransformType.Integrity));
        var esn = proposal.Transforms.Where(t => t.Type == TransformType.ExtendedSequenceNumbers).ToList();
        var groups = proposal.Transforms.Where(t => t.Type == TransformType.DiffieHellmanGroup && t.Id != DhNone).ToList();
        bool esnOk = esn.Count == 0 || (esn.Count == 1 && esn[0].Id == NoEsn);
        bool groupOk = pfsGroup is null ? groups.Count == 0 : groups.Count == 1 && groups[0].Id == pfsGroup.Id;
        return encryption is null || integrity is null || !esnOk || !groupOk
            ? null
            : (new ChildSuite(encryption, integrity, pfsGroup), spi);
    }

    private static Transform EncryptionTransform(EncryptionAlgorithm algorithm) =>
        algorithm.Ikev2KeyLengthBits is { } bits
            ? Transform.WithKeyLength(TransformType.Encryption, algorithm.Ikev2TransformId, (ushort)bits)
            : new Transform(TransformType.Encryption, algorithm.Ikev2TransformId);

    private static Transform? FirstAccepted(Proposal proposal, TransformType type, Func<Transform, bool> accepts) =>
        proposal.Transforms.FirstOrDefault(t => t.Type == type && OnlyKnownAttributes(t) && accepts(t));

    /// <summary>§3.3.6: "If the responder receives a transform attribute it does not understand, it MUST ... reject
    /// the transform"; Key Length is the only attribute IKEv2 defines.</summary>
    private static bool OnlyKnownAttributes(Transform transform) =>
        transform.Attributes.All(a => a.AttributeType == TransformAttribute.KeyLengthType);

    /// <summary>A transform type outside 1-5 in an ESP proposal is not something we can agree to (§3.3.6).</summary>
    private static bool HasUnknownType(Proposal proposal) =>
        proposal.Transforms.Any(t => t.Type is not (TransformType.Encryption or TransformType.Integrity
            or TransformType.DiffieHellmanGroup or TransformType.ExtendedSequenceNumbers));

    private static bool ExactlyOnePerType(Proposal proposal, params TransformType[] types) =>
        types.All(type => proposal.Transforms.Count(t => t.Type == type) == 1)
        && proposal.Transforms.All(t => OnlyKnownAttributes(t));

    private static Transform Single(Proposal proposal, TransformType type) => proposal.Transforms.Single(t => t.Type == type);

    private static EncryptionAlgorithm? FindEncryption(AlgorithmOffer ours, Transform transform) =>
        AlgorithmCatalog.FindEncryptionByIkev2(transform.Id, transform.KeyLength) is { } found && ours.Encryption.Contains(found) ? found : null;

    private static AuthAlgorithm? FindPrf(AlgorithmOffer ours, Transform transform) =>
        AlgorithmCatalog.FindAuthByIkev2Prf(transform.Id) is { } found && ours.Integrity.Contains(found) ? found : null;

    private static AuthAlgorithm? FindIntegrity(AlgorithmOffer ours, Transform transform) =>
        AlgorithmCatalog.FindAuthByIkev2Integrity(transform.Id) is { } found && ours.Integrity.Contains(found) ? found : null;

    private static DhGroup? FindGroup(AlgorithmOffer ours, Transform transform) =>
        AlgorithmCatalog.FindDhGroupById(transform.Id) is { } found && ours.Groups.Contains(found) ? found : null;
}

/// <summary>The responder's choice among the peer's IKE proposals: the suite, the one-proposal answer, and the
/// peer's proposal it came from (its SPI is the peer's new SPI when rekeying).</summary>
public sealed record IkeSelection(IkeSuite Suite, Proposal Answer, Proposal Offered);

/// <summary>The responder's choice among the peer's ESP proposals, the answer carrying our SPI, and the peer's SPI.</summary>
public sealed record ChildSelection(ChildSuite Suite, Proposal Answer, uint PeerSpi);
