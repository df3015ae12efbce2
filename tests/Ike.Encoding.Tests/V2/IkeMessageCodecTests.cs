using System.Buffers.Binary;
using System.Net;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2;

public class IkeMessageCodecTests
{
    [Fact]
    public void Decodes_a_strongswan_ike_sa_init_request()
    {
        byte[] datagram = Hex.Parse(StrongSwanVectors.IkeSaInitRequest);

        DecodeResult result = IkeMessageCodec.Decode(datagram, protection: null);

        Assert.True(result.IsOk, result.ToString());
        IkeMessage message = result.Message;
        Assert.Equal(StrongSwanVectors.InitiatorSpi, message.InitiatorSpi);
        Assert.Equal(0ul, message.ResponderSpi);
        Assert.Equal(ExchangeType.IkeSaInit, message.ExchangeType);
        Assert.Equal(IkeHeaderFlags.Initiator, message.Flags);
        Assert.Equal(0u, message.MessageId);
        Assert.False(message.IsProtected);
        Assert.Equal(
            [PayloadType.SecurityAssociation, PayloadType.KeyExchange, PayloadType.Nonce,
             PayloadType.Notify, PayloadType.Notify, PayloadType.Notify, PayloadType.Notify, PayloadType.Notify],
            message.Payloads.Select(p => p.Type));
        Assert.Equal(
            [NotifyType.NatDetectionSourceIp, NotifyType.NatDetectionDestinationIp, NotifyType.Ikev2FragmentationSupported,
             NotifyType.SignatureHashAlgorithms, NotifyType.RedirectSupported],
            message.Notifies.Select(n => n.NotifyType));

        Transform encryption = message.Find<SaPayload>()!.Proposals[0].Transforms[0];
        Assert.Equal((TransformType.Encryption, (ushort)12, (ushort?)256), (encryption.Type, encryption.Id, encryption.KeyLength));
        KePayload ke = message.Find<KePayload>()!;
        Assert.Equal((14, 256), (ke.DhGroup, ke.KeyExchangeData.Length));
        Assert.Equal(32, message.Find<NoncePayload>()!.Data.Length);
        Assert.Equal("0002000300040005", Hex.Format(message.FindNotify(NotifyType.SignatureHashAlgorithms)!.Data.Span));
    }

    [Fact]
    public void A_decoded_ike_sa_init_keeps_its_raw_bytes_and_re_encodes_to_them()
    {
        // RFC 7296 §2.15: the AUTH payload signs the first message exactly as it was sent.
        byte[] datagram = Hex.Parse(StrongSwanVectors.IkeSaInitRequest);

        IkeMessage message = IkeMessageCodec.Decode(datagram, null).Message!;

        Assert.Equal(datagram, message.RawBytes.ToArray());
        Assert.Equal(Hex.Format(datagram), Hex.Format(IkeMessageCodec.Encode(message, null)));
    }

    [Fact]
    public void Decodes_an_sk_protected_ike_auth_request_built_by_an_independent_implementation()
    {
        byte[] datagram = Hex.Parse(StrongSwanVectors.IkeAuthRequest);
        using var keys = new AesCbcHmacSha256Protection(Hex.Parse(StrongSwanVectors.SkEi), Hex.Parse(StrongSwanVectors.SkAi));

        DecodeResult result = IkeMessageCodec.Decode(datagram, keys);

        Assert.True(result.IsOk, result.ToString());
        IkeMessage message = result.Message;
        Assert.Equal((StrongSwanVectors.InitiatorSpi, StrongSwanVectors.ResponderSpi, 1u), (message.InitiatorSpi, message.ResponderSpi, message.MessageId));
        Assert.Empty(message.Payloads);
        Assert.Equal(
            [PayloadType.IdentificationInitiator, PayloadType.Notify, PayloadType.IdentificationResponder, PayloadType.Authentication,
             PayloadType.SecurityAssociation, PayloadType.TrafficSelectorInitiator, PayloadType.TrafficSelectorResponder,
             PayloadType.Notify, PayloadType.Notify, PayloadType.Notify, PayloadType.Notify, PayloadType.Notify],
            message.EncryptedPayloads!.Select(p => p.Type));

        var idi = (IdPayload)message.Find(PayloadType.IdentificationInitiator)!;
        Assert.True(idi.TryGetText(out string? name));
        Assert.Equal("peer-a.lab.test", name);
        Assert.Equal("02000000" + Hex.Format("peer-a.lab.test"u8), Hex.Format(idi.EncodedBody.Span));
        Assert.Equal(AuthMethod.SharedKeyMessageIntegrityCode, message.Find<AuthPayload>()!.Method);
        Proposal esp = message.Find<SaPayload>()!.Proposals.Single();
        Assert.True(esp.TryGetChildSpi(out uint spi));
        Assert.Equal((IpsecProtocolId.Esp, 0xc1a2b3d4u), (esp.ProtocolId, spi));
        var tsi = (TrafficSelectorPayload)message.Find(PayloadType.TrafficSelectorInitiator)!;
        Assert.Equal(IPAddress.Loopback, tsi.Selectors.Single().StartAddress);
        Assert.Equal(
            [16384, 16396, 16399, 16404, 16417, 16420],
            message.Notifies.Select(n => (int)n.NotifyType));
    }

    [Fact]
    public void An_sk_message_without_keys_needs_protection()
    {
        DecodeResult result = IkeMessageCodec.Decode(Hex.Parse(StrongSwanVectors.IkeAuthRequest), protection: null);

        Assert.Equal(DecodeStatus.NeedsProtection, result.Status);
        Assert.Equal(StrongSwanVectors.ResponderSpi, result.Header!.Value.ResponderSpi);
    }

    [Fact]
    public void The_icv_is_verified_before_anything_is_decrypted()
    {
        using var wrongIntegrityKey = new AesCbcHmacSha256Protection(Hex.Parse(StrongSwanVectors.SkEi), new byte[32]);

        DecodeResult result = IkeMessageCodec.Decode(Hex.Parse(StrongSwanVectors.IkeAuthRequest), wrongIntegrityKey);

        Assert.Equal(DecodeStatus.IntegrityCheckFailed, result.Status);
        Assert.Equal(0, wrongIntegrityKey.Decryptions);
    }

    [Theory]
    [InlineData(0)]    // first header octet
    [InlineData(20)]   // Message ID
    [InlineData(40)]   // IV
    [InlineData(100)]  // ciphertext
    [InlineData(319)]  // last ICV octet
    public void Any_flipped_bit_of_a_protected_message_fails_integrity(int offset)
    {
        byte[] datagram = Hex.Parse(StrongSwanVectors.IkeAuthRequest);
        datagram[offset] ^= 0x01;
        using var keys = new AesCbcHmacSha256Protection(Hex.Parse(StrongSwanVectors.SkEi), Hex.Parse(StrongSwanVectors.SkAi));

        DecodeResult result = IkeMessageCodec.Decode(datagram, keys);

        Assert.Equal(DecodeStatus.IntegrityCheckFailed, result.Status);
        Assert.Equal(0, keys.Decryptions);
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Decode_of_encode_gives_back_the_same_message(string sample)
    {
        IkeMessage message = SampleMessages.ByName(sample);
        using var keys = AesCbcHmacSha256Protection.CreateRandom();

        byte[] datagram = IkeMessageCodec.Encode(message, keys);
        DecodeResult result = IkeMessageCodec.Decode(datagram, keys);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(message, result.Message);
        Assert.Equal(datagram, result.Message.RawBytes.ToArray());
        Assert.Equal(datagram.Length, IkeMessageCodec.GetEncodedLength(message, keys));
    }

    [Fact]
    public void A_protected_message_has_the_sk_layout_of_rfc_7296_section_3_14()
    {
        IkeMessage message = SampleMessages.IkeAuthRequest();
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        int innerLength = message.EncryptedPayloads!.Sum(p => 4 + p.GetEncodedLength());

        byte[] datagram = IkeMessageCodec.Encode(message, keys);

        // Header: Next Payload is SK (46) and Length is the whole datagram.
        Assert.Equal((byte)PayloadType.Encrypted, datagram[16]);
        Assert.Equal((uint)datagram.Length, BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(24)));
        // SK generic header: Next Payload is the first inner payload (IDi), Payload Length runs to the end.
        Assert.Equal((byte)PayloadType.IdentificationInitiator, datagram[28]);
        Assert.Equal(datagram.Length - 28, BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(30)));
        // IV + minimally padded ciphertext (payloads + padding + Pad Length, a multiple of 16) + ICV.
        int padded = (innerLength + 1 + 15) / 16 * 16;
        Assert.Equal(28 + 4 + 16 + padded + 16, datagram.Length);
        Assert.Equal(1, keys.IcvComputations);
    }

    [Fact]
    public void An_empty_sk_payload_names_no_first_inner_payload()
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();

        byte[] datagram = IkeMessageCodec.Encode(SampleMessages.LivenessCheck(), keys);

        Assert.Equal((byte)PayloadType.None, datagram[28]);
        Assert.Equal(28 + 4 + 16 + 16 + 16, datagram.Length); // one block holds just the Pad Length octet
    }

    [Fact]
    public void Encrypting_uses_a_fresh_iv_each_time()
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();

        byte[] first = IkeMessageCodec.Encode(SampleMessages.LivenessCheck(), keys);
        byte[] second = IkeMessageCodec.Encode(SampleMessages.LivenessCheck(), keys);

        Assert.NotEqual(first.AsSpan(32, 16).ToArray(), second.AsSpan(32, 16).ToArray());
    }

    [Fact]
    public void Re_encoding_a_decoded_protected_message_round_trips_even_with_non_minimal_padding()
    {
        using var keys = new AesCbcHmacSha256Protection(Hex.Parse(StrongSwanVectors.SkEi), Hex.Parse(StrongSwanVectors.SkAi));
        IkeMessage decoded = IkeMessageCodec.Decode(Hex.Parse(StrongSwanVectors.IkeAuthRequest), keys).Message!;

        byte[] reencoded = IkeMessageCodec.Encode(decoded, keys);

        Assert.True(reencoded.Length < StrongSwanVectors.IkeAuthRequest.Length / 2); // minimal padding is one block shorter
        Assert.Equal(decoded, IkeMessageCodec.Decode(reencoded, keys).Message);
    }

    [Fact]
    public void Reserved_flag_bits_are_ignored_on_receipt_and_never_sent()
    {
        byte[] datagram = IkeMessageCodec.Encode(SampleMessages.IkeSaInitRequest(), null);
        datagram[19] |= 0xC7; // set every reserved bit of the Flags octet

        IkeMessage message = IkeMessageCodec.Decode(datagram, null).Message!;

        Assert.Equal(IkeHeaderFlags.Initiator, message.Flags);
        Assert.Equal(0x08, IkeMessageCodec.Encode(message, null)[19]);
    }

    [Fact]
    public void The_minor_version_is_ignored_on_receipt()
    {
        byte[] datagram = IkeMessageCodec.Encode(SampleMessages.IkeSaInitRequest(), null);
        datagram[17] = 0x2F;

        Assert.True(IkeMessageCodec.Decode(datagram, null).IsOk);
    }

    [Fact]
    public void Encoding_a_protected_message_without_keys_is_our_bug() =>
        Assert.Throws<ArgumentException>(() => IkeMessageCodec.Encode(SampleMessages.IkeAuthRequest(), null));

    [Fact]
    public void A_non_critical_unknown_payload_is_skipped_and_kept()
    {
        IkeMessage message = SampleMessages.IkeSaInitRequest() with
        {
            Payloads = [.. SampleMessages.IkeSaInitRequest().Payloads, new UnknownPayload((PayloadType)250, false, new byte[] { 7 })],
        };

        DecodeResult result = IkeMessageCodec.Decode(IkeMessageCodec.Encode(message, null), null);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(new UnknownPayload((PayloadType)250, false, new byte[] { 7 }), result.Message.Payloads[^1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_critical_unknown_payload_rejects_the_message_inside_or_outside_sk(bool insideSk)
    {
        var critical = new UnknownPayload((PayloadType)250, isCritical: true, new byte[] { 7 });
        IkeMessage message = insideSk
            ? SampleMessages.DeleteChildSas() with { EncryptedPayloads = [.. SampleMessages.DeleteChildSas().EncryptedPayloads!, critical] }
            : SampleMessages.IkeSaInitRequest() with { Payloads = [critical, .. SampleMessages.IkeSaInitRequest().Payloads] };
        using var keys = AesCbcHmacSha256Protection.CreateRandom();

        DecodeResult result = IkeMessageCodec.Decode(IkeMessageCodec.Encode(message, keys), keys);

        Assert.Equal(DecodeStatus.UnsupportedCriticalPayload, result.Status);
        Assert.Equal((PayloadType)250, result.UnsupportedPayloadType);
    }
}
