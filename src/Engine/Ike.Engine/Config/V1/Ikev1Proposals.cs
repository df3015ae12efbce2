using Ike.Encoding;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Sm;

namespace Ike.Engine.Config.V1;

/// <summary>The responder's choice of a phase 1 transform: the suite and the one-transform SA it answers with.</summary>
public sealed record Phase1Selection(IkeSuite Suite, SaPayload Answer);

/// <summary>The responder's choice of an ESP transform: the suite, the answer proposal carrying our SPI, and the peer's SPI.</summary>
public sealed record EspSelection(ChildSuite Suite, ProposalPayload Answer, uint PeerSpi);

/// <summary>
/// IKEv1 proposals as pure functions (strongSwan's proposal handling, IKEv1 flavour): building our phase 1 and ESP SA
/// payloads from an <see cref="AlgorithmOffer"/>, the responder's selection, and the initiator's check of the answer.
/// Unlike IKEv2, one IKEv1 transform is a whole suite (RFC 2409 Appendix A; RFC 2407 §4.5), so we offer one
/// transform per combination, in order of preference, and the responder echoes the one it chose (RFC 2408 §4.2).
/// </summary>
public static class Ikev1Proposals
{
    /// <summary>Phase 1: one PROTO_ISAKMP proposal, one KEY_IKE transform per encryption × hash × group, each with
    /// pre-shared key authentication and our lifetime in seconds (RFC 2409 Appendix A). <paramref name="onlyGroup"/>
    /// restricts the groups: aggressive mode sends its KE in the first message, so it can offer one group only
    /// (RFC 2409 §5: "the Diffie-Hellman group ... MUST be the same" in every transform).</summary>
    /// <remarks>With <paramref name="digitalEnvelope"/> (GM/T 0022 main mode) each transform names the digital envelope
    /// method and SM2 as the asymmetric algorithm instead of pre-shared keys, and no group: that main mode has no
    /// Diffie-Hellman exchange (its keys come from the enveloped nonces).</remarks>
    public static SaPayload BuildPhase1(AlgorithmOffer offer, TimeSpan lifetime, DhGroup? onlyGroup = null, bool digitalEnvelope = false)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var transforms = new List<TransformPayload>();
        IEnumerable<DhGroup> groups = digitalEnvelope ? offer.Groups.Take(1) : onlyGroup is null ? offer.Groups : [onlyGroup];
        foreach (EncryptionAlgorithm encryption in offer.Encryption)
        {
            foreach (AuthAlgorithm hash in offer.Integrity)
            {
                foreach (DhGroup group in groups)
                {
                    var attributes = new List<DataAttribute> { DataAttribute.Basic(Phase1AttributeType.EncryptionAlgorithm, encryption.Ikev1Phase1Value) };
                    if (encryption.Ikev1KeyLengthBits is { } bits)
                    {
                        attributes.Add(DataAttribute.Basic(Phase1AttributeType.KeyLength, (ushort)bits));
                    }

                    attributes.Add(DataAttribute.Basic(Phase1AttributeType.HashAlgorithm, hash.Ikev1HashAttribute));
                    if (digitalEnvelope)
                    {
                        attributes.Add(DataAttribute.Basic(Phase1AttributeType.AuthenticationMethod, SmIdentifiers.Ikev1AuthMethodDigitalEnvelope));
                        attributes.Add(DataAttribute.Basic(SmIdentifiers.Ikev1AsymmetricAlgorithmAttributeClass, SmIdentifiers.Ikev1AsymmetricAlgorithmSm2));
                    }
                    else
                    {
                        attributes.Add(DataAttribute.Basic(Phase1AttributeType.GroupDescription, group.Id));
                        attributes.Add(DataAttribute.Basic(Phase1AttributeType.AuthenticationMethod, (ushort)Phase1AuthenticationMethod.PreSharedKey));
                    }

                    attributes.Add(DataAttribute.Basic(Phase1AttributeType.LifeType, (ushort)LifeType.Seconds));
                    attributes.Add(DataAttribute.Integer((ushort)Phase1AttributeType.LifeDuration, Seconds(lifetime)));
                    transforms.Add(new TransformPayload(checked((byte)(transforms.Count + 1)), TransformIds.KeyIke, attributes));
                }
            }
        }

        return new SaPayload([ProposalPayload.ForIsakmp(1, transforms)]);
    }

    /// <summary>
    /// Responder: the first of the peer's transforms, in its order of preference, that we accept; the answer echoes
    /// that transform unchanged with its proposal's number. <paramref name="keyExchangeLength"/> (aggressive mode) keeps
    /// only transforms whose group fits the KE that already came.
    /// </summary>
    public static Phase1Selection? SelectPhase1(AlgorithmOffer ours, SaPayload offered, int? keyExchangeLength = null, bool digitalEnvelope = false)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(offered);
        foreach (ProposalPayload proposal in offered.Proposals.Where(p => p.ProtocolId == IpsecProtocolId.Ike))
        {
            foreach (TransformPayload transform in proposal.Transforms)
            {
                if (ReadPhase1(ours, transform, digitalEnvelope) is { } suite && (keyExchangeLength is null || suite.Group.PrimeLength == keyExchangeLength))
                {
                    var answer = new ProposalPayload(proposal.Number, IpsecProtocolId.Ike, proposal.Spi, [transform]);
                    return new Phase1Selection(suite, new SaPayload([answer]));
                }
            }
        }

        return null;
    }

    /// <summary>Initiator: the suite the responder chose, or null when the answer is not one transform of ours
    /// (RFC 2408 §4.2: "the responder MUST NOT modify ... the transform").</summary>
    public static IkeSuite? AcceptPhase1(AlgorithmOffer ours, SaPayload answer, DhGroup? onlyGroup = null, bool digitalEnvelope = false)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Proposals is not [{ ProtocolId: IpsecProtocolId.Ike, Transforms: [var transform] }])
        {
            return null;
        }

        IkeSuite? suite = ReadPhase1(ours, transform, digitalEnvelope);
        return suite is not null && (onlyGroup is null || suite.Group == onlyGroup) ? suite : null;
    }

    /// <summary>
    /// Quick mode: one ESP proposal carrying our inbound SPI, one transform per encryption × integrity with our lifetime
    /// in seconds, the encapsulation mode (UDP-encapsulated tunnel behind a NAT, RFC 3947 §5.2, in the numbering the
    /// peer's NAT-T vendor ID asks for) and, with PFS, the group (RFC 2407 §4.5).
    /// </summary>
    public static SaPayload BuildEsp(AlgorithmOffer offer, uint spi, TimeSpan lifetime, EncapsulationMode mode, DhGroup? pfsGroup)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var transforms = new List<TransformPayload>();
        foreach (EncryptionAlgorithm encryption in offer.Encryption)
        {
            foreach (AuthAlgorithm integrity in offer.Integrity)
            {
                var attributes = new List<DataAttribute>
                {
                    DataAttribute.Basic(IpsecAttributeType.SaLifeType, (ushort)LifeType.Seconds),
                    DataAttribute.Integer((ushort)IpsecAttributeType.SaLifeDuration, Seconds(lifetime)),
                };
                if (pfsGroup is not null)
                {
                    attributes.Add(DataAttribute.Basic(IpsecAttributeType.GroupDescription, pfsGroup.Id));
                }

                attributes.Add(DataAttribute.Basic(IpsecAttributeType.EncapsulationMode, (ushort)mode));
                attributes.Add(DataAttribute.Basic(IpsecAttributeType.AuthenticationAlgorithm, integrity.Ikev1EspAuthAttribute));
                if (encryption.Ikev1KeyLengthBits is { } bits)
                {
                    attributes.Add(DataAttribute.Basic(IpsecAttributeType.KeyLength, (ushort)bits));
                }

                transforms.Add(new TransformPayload(checked((byte)(transforms.Count + 1)), encryption.Ikev1EspTransformId, attributes));
            }
        }

        return new SaPayload([ProposalPayload.ForIpsec(1, IpsecProtocolId.Esp, spi, transforms)]);
    }

    /// <summary>
    /// Responder: the first ESP transform we accept among proposals that are a single ESP proposal (a bundle with AH or
    /// IPComp under the same number is not something we run). With PFS configured the transform must name one of our
    /// groups and the peer must have sent KE; without, it must name none (both ends must agree on PFS, PRODUCT.md §3).
    /// </summary>
    public static EspSelection? SelectEsp(AlgorithmOffer ours, SaPayload offered, uint ourSpi, bool peerSentKe)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(offered);
        foreach (IGrouping<byte, ProposalPayload> bundle in offered.Proposals.GroupBy(p => p.Number))
        {
            if (bundle.Count() != 1 || bundle.First() is not { ProtocolId: IpsecProtocolId.Esp } proposal || !proposal.TryGetIpsecSpi(out uint peerSpi))
            {
                continue;
            }

            foreach (TransformPayload transform in proposal.Transforms)
            {
                if (ReadEsp(ours, transform) is { } suite && (suite.Group is not null) == (ours.Groups.Count > 0) && (suite.Group is not null) == peerSentKe)
                {
                    return new EspSelection(suite, ProposalPayload.ForIpsec(proposal.Number, IpsecProtocolId.Esp, ourSpi, [transform]), peerSpi);
                }
            }
        }

        return null;
    }

    /// <summary>Initiator: the responder's ESP choice and its SPI, or null when it is not one of our transforms or its
    /// group is not the one our KE used.</summary>
    public static ChildSuite? AcceptEsp(AlgorithmOffer ours, SaPayload answer, DhGroup? pfsGroup, out uint peerSpi)
    {
        ArgumentNullException.ThrowIfNull(answer);
        peerSpi = 0;
        if (answer.Proposals is not [{ ProtocolId: IpsecProtocolId.Esp, Transforms: [var transform] } proposal] || !proposal.TryGetIpsecSpi(out peerSpi))
        {
            return null;
        }

        ChildSuite? suite = ReadEsp(ours, transform);
        return suite is not null && suite.Group == pfsGroup ? suite : null;
    }

    /// <summary>The encapsulation mode a transform asks for, or null when it names none.</summary>
    public static EncapsulationMode? ModeOf(TransformPayload transform) =>
        transform.Find(IpsecAttributeType.EncapsulationMode) is { IsBasic: true } mode ? (EncapsulationMode)mode.BasicValue : null;

    /// <summary>Lifetime in seconds as the Life Duration attribute carries it (at least one second).</summary>
    private static ulong Seconds(TimeSpan lifetime) => (ulong)Math.Max(1, (long)Math.Ceiling(lifetime.TotalSeconds));

    /// <summary>A phase 1 transform as a suite of ours, or null: an algorithm we do not offer, an authentication method
    /// other than pre-shared keys, a life type other than seconds/kilobytes, or an attribute we do not know (a
    /// responder must refuse what it does not understand, RFC 2409 Appendix A).</summary>
    /// <remarks>A GM/T 0022 transform (<paramref name="digitalEnvelope"/>) must name the digital envelope and SM2 and no
    /// group; its suite carries our first configured group only because every suite has one (GM/T 0022 phase 1 makes
    /// no Diffie-Hellman exchange).</remarks>
    private static IkeSuite? ReadPhase1(AlgorithmOffer ours, TransformPayload transform, bool digitalEnvelope)
    {
        HashSet<Phase1AttributeType> known = digitalEnvelope ? KnownGmT0022Phase1Attributes : KnownPhase1Attributes;
        if (transform.TransformId != TransformIds.KeyIke || !transform.Attributes.All(a => known.Contains((Phase1AttributeType)a.AttributeType)))
        {
            return null;
        }

        ushort? Basic(Phase1AttributeType type) => transform.Find(type) is { IsBasic: true } a ? a.BasicValue : null;

        ushort expectedMethod = digitalEnvelope ? SmIdentifiers.Ikev1AuthMethodDigitalEnvelope : (ushort)Phase1AuthenticationMethod.PreSharedKey;
        if (Basic(Phase1AttributeType.AuthenticationMethod) != expectedMethod
            || !LifeTypesAreKnown(transform, (ushort)Phase1AttributeType.LifeType))
        {
            return null;
        }

        if (digitalEnvelope)
        {
            EncryptionAlgorithm? sm4 = Basic(Phase1AttributeType.EncryptionAlgorithm) is { } se ? AlgorithmCatalog.FindEncryptionByIkev1Phase1(se, null) : null;
            AuthAlgorithm? sm3 = Basic(Phase1AttributeType.HashAlgorithm) is { } sh ? AlgorithmCatalog.FindAuthByIkev1Hash(sh) : null;
            return Basic((Phase1AttributeType)SmIdentifiers.Ikev1AsymmetricAlgorithmAttributeClass) == SmIdentifiers.Ikev1AsymmetricAlgorithmSm2
                && sm4 is not null && sm3 is not null && ours.Encryption.Contains(sm4) && ours.Integrity.Contains(sm3) && ours.PreferredGroup is { } configured
                ? new IkeSuite(sm4, sm3, sm3, configured)
                : null;
        }

        EncryptionAlgorithm? encryption = Basic(Phase1AttributeType.EncryptionAlgorithm) is { } e
            ? AlgorithmCatalog.FindEncryptionByIkev1Phase1(e, Basic(Phase1AttributeType.KeyLength))
            : null;
        AuthAlgorithm? hash = Basic(Phase1AttributeType.HashAlgorithm) is { } h ? AlgorithmCatalog.FindAuthByIkev1Hash(h) : null;
        DhGroup? group = Basic(Phase1AttributeType.GroupDescription) is { } g ? AlgorithmCatalog.FindDhGroupById(g) : null;
        return encryption is not null && hash is not null && group is not null
            && ours.Encryption.Contains(encryption) && ours.Integrity.Contains(hash) && ours.Groups.Contains(group)
            ? new IkeSuite(encryption, hash, hash, group)
            : null;
    }

    private static ChildSuite? ReadEsp(AlgorithmOffer ours, TransformPayload transform)
    {
        if (!transform.Attributes.All(a => KnownEspAttributes.Contains((IpsecAttributeType)a.AttributeType))
            || !LifeTypesAreKnown(transform, (ushort)IpsecAttributeType.SaLifeType)
            || ModeOf(transform) is not (EncapsulationMode.Tunnel or EncapsulationMode.UdpEncapsulatedTunnel or EncapsulationMode.UdpEncapsulatedTunnelDraft))
        {
            return null;
        }

        ushort? Basic(IpsecAttributeType type) => transform.Find(type) is { IsBasic: true } a ? a.BasicValue : null;

        EncryptionAlgorithm? encryption = AlgorithmCatalog.FindEncryptionByIkev1Esp(transform.TransformId, Basic(IpsecAttributeType.KeyLength));
        AuthAlgorithm? integrity = Basic(IpsecAttributeType.AuthenticationAlgorithm) is { } a ? AlgorithmCatalog.FindAuthByIkev1EspAuth(a) : null;
        ushort? groupId = Basic(IpsecAttributeType.GroupDescription);
        DhGroup? group = groupId is { } g ? AlgorithmCatalog.FindDhGroupById(g) : null;
        if (encryption is null || integrity is null || !ours.Encryption.Contains(encryption) || !ours.Integrity.Contains(integrity)
            || (groupId is not null && (group is null || !ours.Groups.Contains(group))))
        {
            return null;
        }

        return new ChildSuite(encryption, integrity, group);
    }

    /// <summary>Every Life Type is seconds or kilobytes (RFC 2409 Appendix A, RFC 2407 §4.5).</summary>
    private static bool LifeTypesAreKnown(TransformPayload transform, ushort lifeTypeAttribute) =>
        transform.Attributes.Where(a => a.AttributeType == lifeTypeAttribute)
            .All(a => a.IsBasic && a.BasicValue is (ushort)LifeType.Seconds or (ushort)LifeType.Kilobytes);

    private static readonly HashSet<Phase1AttributeType> KnownPhase1Attributes =
    [
        Phase1AttributeType.EncryptionAlgorithm, Phase1AttributeType.HashAlgorithm, Phase1AttributeType.AuthenticationMethod,
        Phase1AttributeType.GroupDescription, Phase1AttributeType.LifeType, Phase1AttributeType.LifeDuration, Phase1AttributeType.KeyLength,
    ];

    private static readonly HashSet<Phase1AttributeType> KnownGmT0022Phase1Attributes =
    [
        Phase1AttributeType.EncryptionAlgorithm, Phase1AttributeType.HashAlgorithm, Phase1AttributeType.AuthenticationMethod,
        (Phase1AttributeType)SmIdentifiers.Ikev1AsymmetricAlgorithmAttributeClass, Phase1AttributeType.LifeType, Phase1AttributeType.LifeDuration,
    ];

    private static readonly HashSet<IpsecAttributeType> KnownEspAttributes =
    [
        IpsecAttributeType.SaLifeType, IpsecAttributeType.SaLifeDuration, IpsecAttributeType.GroupDescription,
        IpsecAttributeType.EncapsulationMode, IpsecAttributeType.AuthenticationAlgorithm, IpsecAttributeType.KeyLength,
    ];
}
