namespace Ike.Encoding.V2.Payloads;

/// <summary>A payload body: everything after the 4-octet generic payload header.</summary>
/// <remarks>
/// RFC 7296 §3.2, generic payload header:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The generic header belongs to the chain (its Next Payload field describes the following payload), so the
/// message codec writes it; each payload type reads and writes only its own body.
/// <see cref="GetEncodedLength"/> and <see cref="Write"/> cover the body, without the generic header.
/// Payload records compare by value, bytes and lists included, so decode(encode(x)) == x is meaningful.
/// </remarks>
public abstract record IkePayload
{
    /// <summary>The type written into the previous payload's (or the header's) Next Payload field.</summary>
    public abstract PayloadType Type { get; }

    /// <summary>Length of the body in octets.</summary>
    public abstract int GetEncodedLength();

    /// <summary>Writes exactly <see cref="GetEncodedLength"/> octets of body.</summary>
    /// <exception cref="ArgumentException">The destination is too small, or the payload breaks an RFC rule.</exception>
    public abstract void Write(Span<byte> destination);

    /// <summary>Checks the RFC rules the payload's fields must satisfy.</summary>
    /// <exception cref="IkeMalformedException">A rule is broken; the offset is relative to the body.</exception>
    public virtual void Validate()
    {
    }

    /// <summary>Validates before writing our own payloads: a broken rule on the sending side is our bug.</summary>
    protected void ValidateForWrite()
    {
        try
        {
            Validate();
        }
        catch (IkeMalformedException e)
        {
            throw new ArgumentException($"{GetType().Name} cannot be encoded: {e.Reason}.", e);
        }
    }
}
