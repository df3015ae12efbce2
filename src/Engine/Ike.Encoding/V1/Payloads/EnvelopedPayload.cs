namespace Ike.Encoding.V1.Payloads;

/// <summary>
/// A Nonce or Identification payload whose body is ciphertext: GM/T 0022 main mode messages 3 and 4 send "SKi
/// encrypted Ni" and "SKi encrypted IDi" under the generic header of those payloads, the symmetric key itself
/// travelling SM2-encrypted in the symmetric key payload. The codec keeps the body opaque; the engine decrypts it and
/// reads the plaintext with <see cref="NoncePayload.Read"/> / <see cref="IdPayload.Read"/>.
/// </summary>
/// <remarks>
/// The generic header is RFC 2408 §3.2's; only the body differs from §3.8 (ID) and §3.13 (Nonce). An empty body cannot
/// be any ciphertext (it holds at least one cipher block).
/// </remarks>
public sealed record EnvelopedPayload : IsakmpPayload
{
    public EnvelopedPayload(IsakmpPayloadType type, ReadOnlyMemory<byte> ciphertext)
    {
        if (type is not (IsakmpPayloadType.Nonce or IsakmpPayloadType.Identification))
        {
            throw new ArgumentException($"Only Nonce and Identification travel enveloped, not {type}.", nameof(type));
        }

        Type = type;
        Ciphertext = ciphertext;
    }

    public override IsakmpPayloadType Type { get; }

    public ReadOnlyMemory<byte> Ciphertext { get; }

    public static EnvelopedPayload Read(IsakmpPayloadType type, ReadOnlySpan<byte> body)
    {
        var payload = new EnvelopedPayload(type, body.ToArray());
        payload.Validate();
        return payload;
    }

    public override int GetEncodedLength() => Ciphertext.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        new SpanWriter(destination).WriteBytes(Ciphertext.Span);
    }

    public override void Validate()
    {
        if (Ciphertext.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.EnvelopedBodyEmpty, 0);
        }
    }

    public bool Equals(EnvelopedPayload? other) =>
        other is not null && Type == other.Type && ValueEquality.BytesEqual(Ciphertext, other.Ciphertext);

    public override int GetHashCode() => HashCode.Combine(Type, ValueEquality.BytesHash(Ciphertext));
}
