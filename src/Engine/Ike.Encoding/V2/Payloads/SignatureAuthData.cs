namespace Ike.Encoding.V2.Payloads;

/// <summary>
/// The Authentication Data of an AUTH payload with method 14, Digital Signature: which signature algorithm, then the
/// signature.
/// </summary>
/// <remarks>
/// RFC 7427 §3:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | ASN.1 Length  | AlgorithmIdentifier ASN.1 object              |
/// +-+-+-+-+-+-+-+-+                                               +
/// ~        AlgorithmIdentifier ASN.1 object continuing            ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Signature Value                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// "ASN.1 Length (1 octet) - The length of the ASN.1 encoded AlgorithmIdentifier object"; the AlgorithmIdentifier is
/// DER (a SEQUENCE, tag 0x30). The codec checks that much and keeps both parts opaque: which algorithm identifiers are
/// acceptable, and whether the signature verifies, is the authenticator's business.
/// </remarks>
public sealed record SignatureAuthData(ReadOnlyMemory<byte> AlgorithmIdentifier, ReadOnlyMemory<byte> Signature)
{
    /// <summary>The ASN.1 Length field is one octet.</summary>
    public const int MaxAlgorithmIdentifierLength = byte.MaxValue;

    private const byte DerSequenceTag = 0x30;

    /// <summary>Splits method-14 authentication data.</summary>
    /// <exception cref="IkeMalformedException">The layout above is broken.</exception>
    public static SignatureAuthData Read(ReadOnlySpan<byte> authenticationData)
    {
        var reader = new SpanReader(authenticationData);
        int length = reader.ReadByte(IkeMalformedReason.SignatureAlgorithmIdentifierInvalid);
        if (length == 0)
        {
            throw reader.FailureAt(0, IkeMalformedReason.SignatureAlgorithmIdentifierInvalid);
        }

        ReadOnlySpan<byte> algorithm = reader.ReadBytes(length, IkeMalformedReason.SignatureAlgorithmIdentifierInvalid);
        if (algorithm[0] != DerSequenceTag)
        {
            throw reader.FailureAt(1, IkeMalformedReason.SignatureAlgorithmIdentifierInvalid);
        }

        if (reader.IsAtEnd)
        {
            throw reader.Failure(IkeMalformedReason.SignatureValueEmpty);
        }

        return new SignatureAuthData(algorithm.ToArray(), reader.ReadRest().ToArray());
    }

    /// <summary><see cref="Read"/> that reports failure instead of throwing.</summary>
    public static bool TryRead(ReadOnlySpan<byte> authenticationData, out SignatureAuthData? data, out IkeMalformedReason? failure)
    {
        try
        {
            data = Read(authenticationData);
            failure = null;
            return true;
        }
        catch (IkeMalformedException exception)
        {
            data = null;
            failure = exception.Reason;
            return false;
        }
    }

    /// <summary>ASN.1 Length | AlgorithmIdentifier | Signature Value.</summary>
    /// <exception cref="ArgumentException">An AlgorithmIdentifier that is empty, longer than 255 octets or not a DER
    /// SEQUENCE, or an empty signature: our own bug, never the peer's.</exception>
    public byte[] Encode()
    {
        if (AlgorithmIdentifier.IsEmpty || AlgorithmIdentifier.Length > MaxAlgorithmIdentifierLength
            || AlgorithmIdentifier.Span[0] != DerSequenceTag)
        {
            throw new ArgumentException("The AlgorithmIdentifier must be a DER SEQUENCE of 1-255 octets (RFC 7427 §3).");
        }

        if (Signature.IsEmpty)
        {
            throw new ArgumentException("A signature is never empty.");
        }

        var encoded = new byte[1 + AlgorithmIdentifier.Length + Signature.Length];
        encoded[0] = (byte)AlgorithmIdentifier.Length;
        AlgorithmIdentifier.Span.CopyTo(encoded.AsSpan(1));
        Signature.Span.CopyTo(encoded.AsSpan(1 + AlgorithmIdentifier.Length));
        return encoded;
    }

    public bool Equals(SignatureAuthData? other) =>
        other is not null && ValueEquality.BytesEqual(AlgorithmIdentifier, other.AlgorithmIdentifier)
        && ValueEquality.BytesEqual(Signature, other.Signature);

    public override int GetHashCode() => HashCode.Combine(ValueEquality.BytesHash(AlgorithmIdentifier), ValueEquality.BytesHash(Signature));
}
