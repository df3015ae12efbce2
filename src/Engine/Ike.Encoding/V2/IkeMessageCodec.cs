using System.Security.Cryptography;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.V2;

/// <summary>Turns datagrams into <see cref="IkeMessage"/>s and back (RFC 7296 §3).</summary>
/// <remarks>
/// Decoding never throws for anything a peer can send: every failure is a <see cref="DecodeResult"/>. Order
/// of checks: header (§3.1), payload chain structure (§3.2), then for a protected message the ICV before any
/// decryption (§3.14, §2.21.2: a message failing integrity is dropped without further processing), then the
/// critical bit of unknown payloads (§2.5), then each payload body, then <see cref="MessageRules"/>.
/// Encoding throws <see cref="ArgumentException"/> for messages we should never have built.
/// </remarks>
public static class IkeMessageCodec
{
    private const IkeHeaderFlags KnownFlags = IkeHeaderFlags.Initiator | IkeHeaderFlags.Version | IkeHeaderFlags.Response;

    /// <summary>Decodes one IKEv2 datagram (without the non-ESP marker of port 4500).</summary>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="protection">Keys of the sender's direction, or null before IKE_SA_INIT completed.</param>
    public static DecodeResult Decode(ReadOnlySpan<byte> datagram, IMessageProtection? protection)
    {
        if (!IkeHeader.TryRead(datagram, out IkeHeader header))
        {
            return DecodeResult.Malformed(null, IkeMalformedReason.TruncatedHeader, datagram.Length);
        }

        // §2.5 / §3.1: only major version 2 is ours; the minor version "MUST be ignored" on receipt.
        if (header.MajorVersion != IkeHeader.CurrentMajorVersion)
        {
            return DecodeResult.InvalidMajorVersion(header);
        }

        // §3.1: Length is the "length of the total message (header + payloads) in octets".
        if (header.Length != (uint)datagram.Length)
        {
            return DecodeResult.Malformed(header, IkeMalformedReason.LengthMismatch, 24);
        }

        var outer = new List<RawPayload>();
        try
        {
            PayloadChain.Scan(datagram, IkeHeader.Size, header.NextPayload, isOuter: true, outer);
        }
        catch (IkeMalformedException e)
        {
            return DecodeResult.Malformed(header, e.Reason, e.Offset);
        }

        RawPayload? sk = outer.Count > 0 && outer[^1].Type == PayloadType.Encrypted ? outer[^1] : null;
        if (sk is null)
        {
            return Finish(header, datagram, outer, inner: null, innerBuffer: default, innerBase: 0);
        }

        if (protection is null)
        {
            return DecodeResult.NeedsProtection(header);
        }

        return DecodeProtected(header, datagram, outer, sk.Value, protection);
    }

    private static DecodeResult DecodeProtected(
        IkeHeader header, ReadOnlySpan<byte> datagram, List<RawPayload> outer, RawPayload sk, IMessageProtection protection)
    {
        ReadOnlySpan<byte> skBody = datagram.Slice(sk.BodyOffset, sk.BodyLength);
        try
        {
            EncryptedPayload.CheckLayout(skBody.Length, protection);
        }
        catch (IkeMalformedException e)
        {
            return DecodeResult.Malformed(header, e.Reason, sk.BodyOffset + e.Offset);
        }

        // §3.14: the ICV covers the message from the IKE header to the end of the encrypted data; SK is
        // last, so that is everything but the ICV itself. Verify before decrypting.
        int signedLength = datagram.Length - protection.IcvSize;
        if (!protection.VerifyIcv(datagram[..signedLength], datagram[signedLength..]))
        {
            return DecodeResult.IntegrityCheckFailed(header);
        }

        byte[]? plaintext = null;
        try
        {
            plaintext = EncryptedPayload.Open(skBody, protection, out int innerLength);
            ReadOnlySpan<byte> innerChain = plaintext.AsSpan(0, innerLength);

            // Plaintext octet i sits where ciphertext octet i is: report inner offsets at that datagram position.
            int innerBase = sk.BodyOffset + protection.IvSize;
            // Scan appends to the outer list so that CodecLimits.MaxPayloadsPerMessage counts both chains.
            var inner = new List<RawPayload>(outer);
            try
            {
                PayloadChain.Scan(innerChain, 0, sk.NextPayload, isOuter: false, inner);
            }
            catch (IkeMalformedException e)
            {
                return DecodeResult.Malformed(header, e.Reason, innerBase + e.Offset);
            }

            inner.RemoveRange(0, outer.Count);
            outer.RemoveAt(outer.Count - 1); // the SK payload itself is represented by EncryptedPayloads
            return Finish(header, datagram, outer, inner, innerChain, innerBase);
        }
        catch (IkeMalformedException e)
        {
            return DecodeResult.Malformed(header, e.Reason, sk.BodyOffset + e.Offset);
        }
        finally
        {
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private static DecodeResult Finish(
        IkeHeader header,
        ReadOnlySpan<byte> datagram,
        List<RawPayload> outer,
        List<RawPayload>? inner,
        ReadOnlySpan<byte> innerBuffer,
        int innerBase)
    {
        // §2.5: an unknown payload with the critical bit set rejects the whole message.
        foreach (RawPayload raw in inner is null ? outer : outer.Concat(inner))
        {
            if (raw.IsCritical && !PayloadChain.IsSupported(raw.Type))
            {
                return DecodeResult.UnsupportedCritical(header, raw.Type);
            }
        }

        var payloads = new List<IkePayload>(outer.Count);
        foreach (RawPayload raw in outer)
        {
            try
            {
                payloads.Add(PayloadChain.ReadBody(raw, datagram.Slice(raw.BodyOffset, raw.BodyLength)));
            }
            catch (IkeMalformedException e)
            {
                return DecodeResult.Malformed(header, e.Reason, raw.BodyOffset + e.Offset);
            }
        }

        List<IkePayload>? encrypted = null;
        if (inner is not null)
        {
            encrypted = new List<IkePayload>(inner.Count);
            foreach (RawPayload raw in inner)
            {
                try
                {
                    encrypted.Add(PayloadChain.ReadBody(raw, innerBuffer.Slice(raw.BodyOffset, raw.BodyLength)));
                }
                catch (IkeMalformedException e)
                {
                    return DecodeResult.Malformed(header, e.Reason, innerBase + raw.BodyOffset + e.Offset);
                }
            }
        }

        var message = new IkeMessage(
            header.InitiatorSpi,
            header.ResponderSpi,
            header.ExchangeType,
            header.Flags & KnownFlags, // §3.1: reserved flag bits "MUST be ignored on receipt"
            header.MessageId,
            payloads,
            encrypted)
        {
            RawBytes = datagram.ToArray(),
        };

        MessageRuleViolation? violation = MessageRules.Check(message);
        return violation is null ? DecodeResult.Ok(header, message) : DecodeResult.Violation(header, message, violation);
    }

    /// <summary>Encoded length of <paramref name="message"/>, SK included when it is protected.</summary>
    public static int GetEncodedLength(IkeMessage message, IMessageProtection? protection)
    {
        int length = IkeHeader.Size + PayloadChain.GetEncodedLength(message.Payloads);
        if (message.EncryptedPayloads is not null)
        {
            IMessageProtection keys = protection
                ?? throw new ArgumentException("A protected message needs an IMessageProtection.", nameof(protection));
            length += PayloadChain.GenericHeaderLength
                + EncryptedPayload.GetEncodedLength(PayloadChain.GetEncodedLength(message.EncryptedPayloads), keys);
        }

        return length;
    }

    /// <summary>Encodes a message; a protected one gets a fresh IV, encryption and ICV from <paramref name="protection"/>.</summary>
    /// <exception cref="ArgumentException">The message cannot be encoded (a payload breaks its rules, sizes overflow, keys missing).</exception>
    public static byte[] Encode(IkeMessage message, IMessageProtection? protection)
    {
        int length = GetEncodedLength(message, protection);
        var datagram = new byte[length];
        var writer = new SpanWriter(datagram);

        PayloadType afterOuter = message.IsProtected ? PayloadType.Encrypted : PayloadType.None;
        PayloadType first = message.Payloads.Count > 0 ? message.Payloads[0].Type : afterOuter;
        var header = new IkeHeader(
            message.InitiatorSpi,
            message.ResponderSpi,
            first,
            IkeHeader.CurrentMajorVersion,
            MinorVersion: 0, // §3.1: "MUST set the minor version to zero"
            message.ExchangeType,
            message.Flags & KnownFlags,
            message.MessageId,
            (uint)length);
        header.Write(writer.Advance(IkeHeader.Size));
        PayloadChain.Write(message.Payloads, afterOuter, ref writer);

        if (message.EncryptedPayloads is { } innerPayloads && protection is not null)
        {
            WriteEncrypted(innerPayloads, protection, datagram, ref writer);
        }

        return datagram;
    }

    private static void WriteEncrypted(IReadOnlyList<IkePayload> innerPayloads, IMessageProtection protection, byte[] datagram, ref SpanWriter writer)
    {
        int innerLength = PayloadChain.GetEncodedLength(innerPayloads);
        int bodyLength = EncryptedPayload.GetEncodedLength(innerLength, protection);
        if (bodyLength > ushort.MaxValue - PayloadChain.GenericHeaderLength)
        {
            throw new ArgumentException($"Encrypted payload of {bodyLength} octets exceeds the 16-bit Payload Length.");
        }

        // §3.14: SK's Next Payload is the type of the first inner payload (None for an empty SK).
        PayloadType firstInner = innerPayloads.Count > 0 ? innerPayloads[0].Type : PayloadType.None;
        PayloadChain.WriteGenericHeader(ref writer, firstInner, critical: false, bodyLength);

        byte[] innerChain = new byte[innerLength];
        try
        {
            var innerWriter = new SpanWriter(innerChain);
            PayloadChain.Write(innerPayloads, PayloadType.None, ref innerWriter);
            EncryptedPayload.Seal(innerChain, protection, writer.Advance(bodyLength));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(innerChain);
        }

        int signedLength = datagram.Length - protection.IcvSize;
        protection.ComputeIcv(datagram.AsSpan(0, signedLength), datagram.AsSpan(signedLength));
    }
}
