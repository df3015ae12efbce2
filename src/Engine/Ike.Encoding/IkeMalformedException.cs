namespace Ike.Encoding;

/// <summary>
/// The one exception type for hostile or broken bytes received from the network.
/// </summary>
/// <remarks>
/// Our own misuse of the codec (a too-small destination span, an impossible value in a payload we
/// build) is an <see cref="ArgumentException"/> instead, so that callers can tell "the peer sent garbage"
/// (answer INVALID_SYNTAX or drop, RFC 7296 §2.21.2) from "we have a bug".
/// </remarks>
public sealed class IkeMalformedException : Exception
{
    public IkeMalformedException(IkeMalformedReason reason, int offset)
        : base($"Malformed IKE data: {reason} at offset {offset}.")
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>The rule the bytes broke.</summary>
    public IkeMalformedReason Reason { get; }

    /// <summary>
    /// Where the problem was found: relative to the span the throwing reader was given; the message
    /// codec rebases it onto the datagram.
    /// </summary>
    public int Offset { get; }

    /// <summary>The same failure seen from a reader that started <paramref name="baseOffset"/> bytes further in.</summary>
    public IkeMalformedException Rebase(int baseOffset) => new(Reason, baseOffset + Offset);
}
