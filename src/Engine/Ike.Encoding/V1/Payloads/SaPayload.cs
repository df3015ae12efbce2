namespace Ike.Encoding.V1.Payloads;

/// <summary>Security Association payload: DOI, situation and the proposals.</summary>
/// <remarks>
/// RFC 2408 §3.4 with the IPsec DOI situation of RFC 2407 §4.6.1:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !              Domain of Interpretation  (IPsec DOI)            !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                           Situation                           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// followed by the Proposal payloads, which the SA's Payload Length includes ("the entire Security
/// Association payload, and all Proposal payloads and all Transform payloads associated with the proposed
/// Security Association"). The SA's own Next Payload names the payload after the SA, not the first proposal.
/// <para>
/// Main mode signs "SAi_b", "the entire body of the SA payload (minus the ISAKMP generic header)" as the
/// initiator sent it (RFC 2409 §5), so <see cref="EncodedBody"/> returns the octets received for a decoded
/// payload and the octets we send for one we built.
/// </para>
/// <para>
/// Only the IPsec DOI with SIT_IDENTITY_ONLY is accepted: RFC 2409 negotiates within the IPsec DOI, and the
/// other situations append labeled-domain fields (RFC 2407 §4.6.1) the product never negotiates.
/// </para>
/// </remarks>
public sealed record SaPayload : IsakmpPayload
{
    private const int FixedLength = 8;
    private readonly ReadOnlyMemory<byte> _receivedBody;

    /// <summary>An IPsec DOI, SIT_IDENTITY_ONLY SA payload, the only kind IKE sends.</summary>
    public SaPayload(IReadOnlyList<ProposalPayload> proposals)
        : this(DomainOfInterpretation.Ipsec, IpsecSituation.IdentityOnly, proposals)
    {
    }

    public SaPayload(DomainOfInterpretation doi, IpsecSituation situation, IReadOnlyList<ProposalPayload> proposals)
    {
        Doi = doi;
        Situation = situation;
        Proposals = proposals;
    }

    private SaPayload(IReadOnlyList<ProposalPayload> proposals, ReadOnlyMemory<byte> receivedBody)
        : this(proposals)
    {
        _receivedBody = receivedBody;
    }

    public override IsakmpPayloadType Type => IsakmpPayloadType.SecurityAssociation;

    public DomainOfInterpretation Doi { get; }

    public IpsecSituation Situation { get; }

    public IReadOnlyList<ProposalPayload> Proposals { get; }

    /// <summary>DOI + Situation + proposals: the "SAi_b" octets main and aggressive mode hash (RFC 2409 §5).</summary>
    public ReadOnlyMemory<byte> EncodedBody
    {
        get
        {
            if (!_receivedBody.IsEmpty)
            {
                return _receivedBody;
            }

            var body = new byte[GetEncodedLength()];
            Write(body);
            return body;
        }
    }

    public static SaPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var doi = (DomainOfInterpretation)reader.ReadUInt32(IkeMalformedReason.PayloadBodyTooShort);
        if (doi != DomainOfInterpretation.Ipsec)
        {
            throw new IkeMalformedException(IkeMalformedReason.DoiNotSupported, 0);
        }

        var situation = (IpsecSituation)reader.ReadUInt32(IkeMalformedReason.PayloadBodyTooShort);
        if (situation != IpsecSituation.IdentityOnly)
        {
            throw new IkeMalformedException(IkeMalformedReason.SituationNotSupported, 4);
        }

        if (reader.IsAtEnd)
        {
            throw reader.Failure(IkeMalformedReason.EmptySaPayload);
        }

        var proposals = new List<ProposalPayload>();
        while (true)
        {
            if (reader.IsAtEnd)
            {
                // The previous proposal's Next Payload said another would follow.
                throw reader.Failure(IkeMalformedReason.ProposalCountMismatch);
            }

            if (proposals.Count == CodecLimits.MaxProposalsPerSa)
            {
                throw reader.Failure(IkeMalformedReason.TooManyProposals);
            }

            int proposalStart = reader.Position;
            ProposalPayload proposal = ProposalPayload.Read(ref reader, out bool isLast);

            // RFC 2408 §4.2: equal numbers form one bundle (AND), a higher number starts the next alternative (OR);
            // a number going down would make the bundles ambiguous. The first number is free (RFC 2408 §3.5 and
            // implementations differ: strongSwan starts at 1, Libreswan at 0).
            if (proposals.Count > 0 && proposal.Number < proposals[^1].Number)
            {
                throw new IkeMalformedException(IkeMalformedReason.ProposalNumberInvalid, proposalStart + 4);
            }

            proposals.Add(proposal);
            if (isLast)
            {
                break;
            }
        }

        if (!reader.IsAtEnd)
        {
            // Octets after the proposal marked last.
            throw reader.Failure(IkeMalformedReason.ProposalCountMismatch);
        }

        return new SaPayload(proposals, body.ToArray());
    }

    public override int GetEncodedLength() => FixedLength + Proposals.Sum(proposal => proposal.GetEncodedLength());

    public override void Write(Span<byte> destination)
    {
        if (Proposals.Count == 0)
        {
            throw new ArgumentException("An SA payload carries at least one proposal (RFC 2408 §3.4).");
        }

        var writer = new SpanWriter(destination);
        writer.WriteUInt32((uint)Doi);
        writer.WriteUInt32((uint)Situation);
        for (int i = 0; i < Proposals.Count; i++)
        {
            Proposals[i].Write(ref writer, isLast: i == Proposals.Count - 1);
        }
    }

    /// <summary>Compares DOI, situation and proposals; how the received octets looked is not part of the value.</summary>
    public bool Equals(SaPayload? other) =>
        other is not null && Doi == other.Doi && Situation == other.Situation
        && ValueEquality.ListsEqual(Proposals, other.Proposals);

    public override int GetHashCode() => HashCode.Combine(Doi, Situation, ValueEquality.ListHash(Proposals));
}
