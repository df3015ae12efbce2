namespace Ike.Encoding.V2.Payloads;

/// <summary>Security Association payload (SAi1, SAr1, SAi2, SAr2): a list of proposals.</summary>
/// <remarks>
/// RFC 7296 §3.3:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                          &lt;Proposals&gt;                          ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Proposal numbering (§3.3.1): "the first proposal in an SA payload MUST be 1, and subsequent proposals MUST
/// be one more than the previous proposal". A response carries the single accepted proposal with the number
/// it had in the request, so a lone proposal may have any non-zero number.
/// </remarks>
public sealed record SaPayload(IReadOnlyList<Proposal> Proposals) : IkePayload
{
    public override PayloadType Type => PayloadType.SecurityAssociation;

    public static SaPayload Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.EmptySaPayload, 0);
        }

        var reader = new SpanReader(body);
        var proposals = new List<Proposal>();
        while (true)
        {
            if (reader.IsAtEnd)
            {
                // The previous proposal's Last Substruc said more would follow.
                throw reader.Failure(IkeMalformedReason.ProposalCountMismatch);
            }

            if (proposals.Count == CodecLimits.MaxProposalsPerSa)
            {
                throw reader.Failure(IkeMalformedReason.TooManyProposals);
            }

            int proposalStart = reader.Position;
            Proposal proposal = Proposal.Read(ref reader, out bool isLast);
            bool numberValid = proposal.Number != 0
                && (proposals.Count == 0 || proposal.Number == proposals[^1].Number + 1);
            if (!numberValid)
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

        if (proposals.Count > 1 && proposals[0].Number != 1)
        {
            throw new IkeMalformedException(IkeMalformedReason.ProposalNumberInvalid, 4);
        }

        return new SaPayload(proposals);
    }

    public override int GetEncodedLength() => Proposals.Sum(proposal => proposal.GetEncodedLength());

    public override void Write(Span<byte> destination)
    {
        if (Proposals.Count == 0)
        {
            throw new ArgumentException("An SA payload carries at least one proposal (RFC 7296 §3.3).");
        }

        var writer = new SpanWriter(destination);
        for (int i = 0; i < Proposals.Count; i++)
        {
            Proposals[i].Write(ref writer, isLast: i == Proposals.Count - 1);
        }
    }

    public bool Equals(SaPayload? other) => other is not null && ValueEquality.ListsEqual(Proposals, other.Proposals);

    public override int GetHashCode() => ValueEquality.ListHash(Proposals);
}
