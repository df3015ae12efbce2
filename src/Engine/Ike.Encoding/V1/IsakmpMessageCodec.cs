using System.Security.Cryptography;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.V1;

/// <summary>Turns ISAKMP datagrams into <see cref="IsakmpMessage"/>s and back (RFC 2408 §3, RFC 2409 Appendix B).</summary>
/// <remarks>
/// Decoding never throws for anything a peer can send: every failure is an <see cref="IsakmpDecodeResult"/>.
/// Order of checks (RFC 2408 §5.1): header size, major and minor version, Length against the datagram,
/// exchange type; for an encrypted message block alignment and decryption; then the payload chain's structure,
/// the payload types, each payload body, and finally, when the caller names the message number,
/// <see cref="IsakmpMessageRules"/>.
/// <para>
/// Encryption (RFC 2409 Appendix B): with the E flag everything after the 28-octet header is CBC ciphertext and
/// the header's Length covers it. The plaintext is the payload chain followed by padding up to the block size;
/// the padding is not self-describing, so the chain's own lengths decide where the payloads end and whatever
/// follows the last payload is ignored. A chain that runs past the plaintext is malformed. In clear messages
/// up to three zero octets after the last payload are tolerated: Libreswan pads its IKEv1 messages to a
/// multiple of four octets unless configured with <c>ikepad=no</c>.
/// </para>
/// Encoding throws <see cref="ArgumentException"/> for messages we should never have built.
/// </remarks>
public static class IsakmpMessageCodec
{
    /// <summary>Most zero octets accepted after the last payload of a message in clear (Libreswan's four-octet alignment).</summary>
    public const int MaxClearTextPadding = 3;

    /// <summary>Decodes a datagram sent in clear (phase 1 before keys exist, or an unprotected informational).</summary>
    public static IsakmpDecodeResult Decode(ReadOnlySpan<byte> datagram) => Decode(datagram, null, default);

    /// <summary>Decodes one IKEv1 datagram (without the non-ESP marker of port 4500).</summary>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="protection">The ISAKMP SA's cipher, or null before keys exist.</param>
    /// <param name="iv">
    /// The IV this message was encrypted with (<see cref="IV1MessageProtection.BlockSize"/> octets), from the
    /// engine's phase 1 or phase 2 state; ignored for a message in clear. It is not modified: the next IV comes
    /// back as <see cref="IsakmpDecodeResult.NextIv"/>.
    /// </param>
    /// <param name="messageNumber">
    /// Which message of its exchange the engine expects this to be (1-based); when given, the message is checked
    /// against <see cref="IsakmpMessageRules"/> and a mismatch is a <see cref="IsakmpDecodeStatus.RuleViolation"/>.
    /// </param>
    /// <param name="profileMinorVersion">
    /// A minor version accepted besides RFC 2408's 0: a profile's own (GM/T 0022's ISAKMP 1.1, whose number the caller
    /// takes from its identifier table). In such a message, main mode's Nonce and Identification payloads in clear are
    /// SM4 ciphertexts under the digital envelope, so they come back as <see cref="EnvelopedPayload"/>s.
    /// </param>
    /// <exception cref="ArgumentException">The IV length does not match the cipher's block size (our bug, not the peer's).</exception>
    public static IsakmpDecodeResult Decode(
        ReadOnlySpan<byte> datagram, IV1MessageProtection? protection, ReadOnlySpan<byte> iv, int? messageNumber = null,
        byte profileMinorVersion = IsakmpHeader.CurrentMinorVersion)
    {
        if (!IsakmpHeader.TryRead(datagram, out IsakmpHeader header))
        {
            return IsakmpDecodeResult.Malformed(null, IkeMalformedReason.TruncatedHeader, datagram.Length);
        }

        if (header.MajorVersion != IsakmpHeader.CurrentMajorVersion)
        {
            return IsakmpDecodeResult.InvalidMajorVersion(header);
        }

        if (header.MinorVersion != IsakmpHeader.CurrentMinorVersion && header.MinorVersion != profileMinorVersion)
        {
            return IsakmpDecodeResult.InvalidMinorVersion(header);
        }

        // RFC 2408 §3.1: Length is the "length of total message (header + payloads) in octets".
        if (header.Length != (uint)datagram.Length)
        {
            return IsakmpDecodeResult.Malformed(header, IkeMalformedReason.LengthMismatch, 24);
        }

        if (!IsakmpExchangeTypes.IsDefined(header.ExchangeType))
        {
            return IsakmpDecodeResult.InvalidExchangeType(header);
        }

        ReadOnlySpan<byte> body = datagram[IsakmpHeader.Size..];
        if (!header.IsEncrypted)
        {
            return Finish(header, datagram, body, isEncrypted: false, nextIv: default, messageNumber);
        }

        if (protection is null)
        {
            return IsakmpDecodeResult.NeedsProtection(header);
        }

        int blockSize = protection.BlockSize;
        if (iv.Length != blockSize)
        {
            throw new ArgumentException($"The IV must be one {blockSize}-octet block, not {iv.Length} octets.", nameof(iv));
        }

        if (body.IsEmpty)
        {
            // At least one block: the E flag promises encrypted payloads.
            return IsakmpDecodeResult.Malformed(header, IkeMalformedReason.EncryptedPayloadTooShort, IsakmpHeader.Size);
        }

        if (body.Length % blockSize != 0)
        {
            return IsakmpDecodeResult.Malformed(header, IkeMalformedReason.EncryptedDataNotBlockAligned, IsakmpHeader.Size);
        }

        // RFC 2409 Appendix B: the next message's IV is this message's last CBC block.
        byte[] nextIv = body[^blockSize..].ToArray();
        byte[] plaintext = new byte[body.Length];
        try
        {
            if (!protection.TryDecrypt(iv, body, plaintext))
            {
                return IsakmpDecodeResult.Malformed(header, IkeMalformedReason.DecryptionFailed, IsakmpHeader.Size, nextIv);
            }

            return Finish(header, datagram, plaintext, isEncrypted: true, nextIv, messageNumber);
        }
        finally
        {
            // The plaintext holds identities, hashes and padding; the payloads keep their own copies.
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static IsakmpDecodeResult Finish(
        IsakmpHeader header,
        ReadOnlySpan<byte> datagram,
        ReadOnlySpan<byte> chain,
        bool isEncrypted,
        ReadOnlyMemory<byte> nextIv,
        int? messageNumber)
    {
        // Plaintext octet i sits where body octet i is, so offsets inside the chain are rebased onto the datagram.
        const int ChainBase = IsakmpHeader.Size;
        var raws = new List<RawIsakmpPayload>();
        int end;
        try
        {
            end = IsakmpPayloadChain.Scan(chain, header.NextPayload, raws);
        }
        catch (IkeMalformedException e)
        {
            return IsakmpDecodeResult.Malformed(header, e.Reason, ChainBase + e.Offset, nextIv);
        }

        ReadOnlySpan<byte> trailing = chain[end..];
        if (!isEncrypted && (trailing.Length > MaxClearTextPadding || trailing.IndexOfAnyExcept((byte)0) >= 0))
        {
            return IsakmpDecodeResult.Malformed(header, IkeMalformedReason.TrailingBytesAfterLastPayload, ChainBase + end, nextIv);
        }

        // RFC 2408 §5.1: a Next Payload value that is not valid (reserved, or a substructure outside its SA)
        // is answered with INVALID-PAYLOAD-TYPE before any body is interpreted.
        foreach (RawIsakmpPayload raw in raws)
        {
            if (!IsakmpPayloadTypes.IsTopLevel(raw.Type) && !IsakmpPayloadTypes.IsPrivateUse(raw.Type))
            {
                return IsakmpDecodeResult.InvalidPayload(header, raw.Type, nextIv);
            }
        }

        var payloads = new List<IsakmpPayload>(raws.Count);
        var offsets = new int[raws.Count];
        for (int i = 0; i < raws.Count; i++)
        {
            RawIsakmpPayload raw = raws[i];
            offsets[i] = raw.HeaderOffset;
            try
            {
                ReadOnlySpan<byte> body = chain.Slice(raw.BodyOffset, raw.BodyLength);
                payloads.Add(IsEnveloped(header, isEncrypted, raw.Type) ? EnvelopedPayload.Read(raw.Type, body) : IsakmpPayloadChain.ReadBody(raw, body));
            }
            catch (IkeMalformedException e)
            {
                return IsakmpDecodeResult.Malformed(header, e.Reason, ChainBase + raw.BodyOffset + e.Offset, nextIv);
            }
        }

        var message = new IsakmpMessage(header, payloads, chain[..end].ToArray(), offsets)
        {
            RawBytes = datagram.ToArray(),
        };

        IsakmpRuleViolation? violation = messageNumber is { } number ? IsakmpMessageRules.Check(message, number) : null;
        return violation is null
            ? IsakmpDecodeResult.Ok(header, message, nextIv)
            : IsakmpDecodeResult.Violation(header, message, violation, nextIv);
    }

    /// <summary>The payload chain as it is encoded inside a message: generic headers included, last Next Payload 0.</summary>
    /// <remarks>What quick mode and informational hashes cover after HASH (RFC 2409 §5.5, §5.7), before the message exists.</remarks>
    /// <summary>GM/T 0022 main mode messages 3 and 4 (the only main mode messages in clear that carry them) encrypt the
    /// bodies of Nonce and Identification under the digital envelope's symmetric key.</summary>
    private static bool IsEnveloped(IsakmpHeader header, bool isEncrypted, IsakmpPayloadType type) =>
        header.MinorVersion != IsakmpHeader.CurrentMinorVersion && !isEncrypted
        && header.ExchangeType == IsakmpExchangeType.IdentityProtection
        && type is IsakmpPayloadType.Nonce or IsakmpPayloadType.Identification;

    public static byte[] EncodeChain(IReadOnlyList<IsakmpPayload> payloads)
    {
        var chain = new byte[IsakmpPayloadChain.GetEncodedLength(payloads)];
        var writer = new SpanWriter(chain);
        IsakmpPayloadChain.Write(payloads, ref writer);
        return chain;
    }

    /// <summary>Encoded length of a message in clear, or of an encrypted one with a cipher of <paramref name="blockSize"/> octets.</summary>
    public static int GetEncodedLength(IsakmpMessage message, int? blockSize = null)
    {
        int chainLength = IsakmpPayloadChain.GetEncodedLength(message.Payloads);
        return IsakmpHeader.Size + (blockSize is { } size ? GetPaddedLength(chainLength, size) : chainLength);
    }

    /// <summary>Encodes a message in clear; its E flag must be clear.</summary>
    /// <exception cref="ArgumentException">The message is flagged encrypted, or cannot be encoded.</exception>
    public static byte[] Encode(IsakmpMessage message)
    {
        if (message.IsEncrypted)
        {
            throw new ArgumentException("An encrypted message needs an IV1MessageProtection and its IV.", nameof(message));
        }

        byte[] datagram = new byte[GetEncodedLength(message)];
        var writer = new SpanWriter(datagram);
        WriteHeader(message, datagram.Length, ref writer);
        IsakmpPayloadChain.Write(message.Payloads, ref writer);
        return datagram;
    }

    /// <summary>Encodes and encrypts a message whose E flag is set (RFC 2409 Appendix B).</summary>
    /// <param name="message">The message; <see cref="IsakmpHeaderFlags.Encryption"/> must be set.</param>
    /// <param name="protection">The ISAKMP SA's cipher.</param>
    /// <param name="iv">
    /// In: this message's IV from the exchange's state. Out: the last ciphertext block, the IV of the next message
    /// of the exchange. Our own message needs no verification, so the codec advances it in place.
    /// </param>
    /// <exception cref="ArgumentException">The message is not flagged encrypted, the IV is not one block, or the message cannot be encoded.</exception>
    public static byte[] Encode(IsakmpMessage message, IV1MessageProtection protection, Span<byte> iv)
    {
        if (!message.IsEncrypted)
        {
            throw new ArgumentException("A message encoded with a protection must carry the Encryption flag.", nameof(message));
        }

        int blockSize = protection.BlockSize;
        if (iv.Length != blockSize)
        {
            throw new ArgumentException($"The IV must be one {blockSize}-octet block, not {iv.Length} octets.", nameof(iv));
        }

        byte[] datagram = new byte[GetEncodedLength(message, blockSize)];
        var writer = new SpanWriter(datagram);
        WriteHeader(message, datagram.Length, ref writer);

        byte[] plaintext = new byte[datagram.Length - IsakmpHeader.Size];
        try
        {
            // Padding octets stay zero: RFC 2409 leaves their content to the sender and the receiver finds the end of
            // the payloads from the chain (see GetPaddedLength for the amount).
            var plainWriter = new SpanWriter(plaintext);
            IsakmpPayloadChain.Write(message.Payloads, ref plainWriter);
            protection.Encrypt(iv, plaintext, writer.Advance(plaintext.Length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        datagram.AsSpan(datagram.Length - blockSize).CopyTo(iv);
        return datagram;
    }

    /// <summary>The chain plus 1 to <paramref name="blockSize"/> zero octets of padding, ending on a block boundary.</summary>
    /// <remarks>
    /// Always at least one octet, a whole block when the chain is already aligned: that is what strongSwan 5.9
    /// sends (captured in StrongSwanIkev1Vectors: main mode 5 has a 64-octet chain and 16 octets of padding), so
    /// a peer that strips a trailing pad never eats into our last payload.
    /// </remarks>
    public static int GetPaddedLength(int chainLength, int blockSize) => ((chainLength / blockSize) + 1) * blockSize;

    private static void WriteHeader(IsakmpMessage message, int length, ref SpanWriter writer)
    {
        IsakmpPayloadType first = message.Payloads.Count > 0 ? message.Payloads[0].Type : IsakmpPayloadType.None;
        var header = new IsakmpHeader(
            message.InitiatorCookie,
            message.ResponderCookie,
            first,
            IsakmpHeader.CurrentMajorVersion,
            message.MinorVersion,
            message.ExchangeType,
            message.Flags & IsakmpMessage.KnownFlags, // RFC 2408 §3.1: unused flag bits "MUST be set to 0"
            message.MessageId,
            (uint)length);
        header.Write(writer.Advance(IsakmpHeader.Size));
    }
}
