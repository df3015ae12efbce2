namespace Ike.Encoding.V1.Payloads;

/// <summary>An ISAKMP payload body: everything after the 4-octet generic payload header.</summary>
/// <remarks>
/// RFC 2408 §3.2, generic payload header:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Unlike IKEv2 there is no critical bit: the octet after Next Payload is wholly RESERVED. The generic header
/// belongs to the chain (its Next Payload field describes the following payload), so the message codec writes
/// it; each payload type reads and writes only its own body. Payload records compare by value, bytes and lists
/// included, so decode(encode(x)) == x is meaningful.
/// </remarks>
public abstract record IsakmpPayload
{
    /// <summary>The type written into the previous payload's (or the header's) Next Payload field.</summary>
    public abstract IsakmpPayloadType Type { get; }

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
