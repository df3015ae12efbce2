using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1;

public class IsakmpMessageCodecTests
{
    [Fact]
    public void Decodes_strongswans_main_mode_message_1_with_its_vendor_ids()
    {
        byte[] datagram = Hex.Parse(StrongSwanIkev1Vectors.MainMode1);

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, null, default, messageNumber: 1);

        Assert.True(result.IsOk, result.ToString());
        IsakmpMessage message = result.Message;
        Assert.Equal((StrongSwanIkev1Vectors.InitiatorCookie, 0ul, 0u), (message.InitiatorCookie, message.ResponderCookie, message.MessageId));
        Assert.Equal(IsakmpExchangeType.IdentityProtection, message.ExchangeType);
        Assert.False(message.IsEncrypted);

        SaPayload sa = message.Find<SaPayload>()!;
        Assert.Equal((DomainOfInterpretation.Ipsec, IpsecSituation.IdentityOnly), (sa.Doi, sa.Situation));
        ProposalPayload proposal = Assert.Single(sa.Proposals);
        Assert.Equal((1, IpsecProtocolId.Ike, 0), (proposal.Number, proposal.ProtocolId, proposal.Spi.Length));
        TransformPayload transform = Assert.Single(proposal.Transforms);
        Assert.Equal((1, TransformIds.KeyIke), (transform.Number, transform.TransformId));
        Assert.Equal(
            [
                DataAttribute.Basic(Phase1AttributeType.EncryptionAlgorithm, (ushort)Phase1EncryptionAlgorithm.AesCbc),
                DataAttribute.Basic(Phase1AttributeType.KeyLength, 128),
                DataAttribute.Basic(Phase1AttributeType.HashAlgorithm, (ushort)Phase1HashAlgorithm.Sha1),
                DataAttribute.Basic(Phase1AttributeType.GroupDescription, (ushort)GroupDescription.Modp2048),
                DataAttribute.Basic(Phase1AttributeType.AuthenticationMethod, (ushort)Phase1AuthenticationMethod.PreSharedKey),
                DataAttribute.Basic(Phase1AttributeType.LifeType, (ushort)LifeType.Seconds),
                DataAttribute.Basic(Phase1AttributeType.LifeDuration, 15840),
            ],
            transform.Attributes);

        Assert.Equal(
            [KnownVendorIds.StrongSwan, KnownVendorIds.Xauth, KnownVendorIds.DeadPeerDetection, KnownVendorIds.Fragmentation,
             KnownVendorIds.NatTraversalRfc3947, KnownVendorIds.NatTraversalDraft02N],
            message.FindAll<VendorIdPayload>().Select(vid => KnownVendorIds.Identify(vid.VendorId.Span)));
        Assert.True(message.HasVendorId(KnownVendorIds.DeadPeerDetection));
        Assert.False(message.HasVendorId(KnownVendorIds.NatTraversalDraft03));
    }

    [Theory]
    [InlineData(nameof(StrongSwanIkev1Vectors.MainMode1))]
    [InlineData(nameof(StrongSwanIkev1Vectors.MainMode3))]
    public void Re_encoding_strongswans_messages_in_clear_gives_back_their_octets(string vector)
    {
        byte[] datagram = Hex.Parse((string)typeof(StrongSwanIkev1Vectors).GetField(vector)!.GetValue(null)!);

        IsakmpMessage message = IsakmpMessageCodec.Decode(datagram).Message!;

        Assert.Equal(Hex.Format(datagram), Hex.Format(IsakmpMessageCodec.Encode(message)));
        Assert.Equal(datagram, message.RawBytes.ToArray());
    }

    [Fact]
    public void Decodes_strongswans_main_mode_message_3_with_nat_discovery()
    {
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(StrongSwanIkev1Vectors.MainMode3), null, default, messageNumber: 3);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(StrongSwanIkev1Vectors.ResponderCookie, result.Message.ResponderCookie);
        Assert.Equal(256, result.Message.Find<KePayload>()!.KeyExchangeData.Length);
        Assert.Equal(32, result.Message.Find<NoncePayload>()!.Data.Length);
        Assert.Equal([20, 20], result.Message.FindAll<NatDiscoveryPayload>().Select(natd => natd.Hash.Length));
    }

    [Fact]
    public void Decrypts_strongswans_main_mode_message_5_and_ignores_its_padding()
    {
        byte[] datagram = Hex.Parse(StrongSwanIkev1Vectors.MainMode5);
        using var keys = new AesCbcV1Protection(Hex.Parse(StrongSwanIkev1Vectors.EncryptionKey));

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, keys, Hex.Parse(StrongSwanIkev1Vectors.MainMode5Iv), messageNumber: 5);

        Assert.True(result.IsOk, result.ToString());
        IsakmpMessage message = result.Message;
        Assert.True(message.IsEncrypted);
        Assert.Equal([IsakmpPayloadType.Identification, IsakmpPayloadType.Hash, IsakmpPayloadType.Notification], message.Payloads.Select(p => p.Type));
        IdPayload id = message.Find<IdPayload>()!;
        Assert.True(id.TryGetAddress(out IPAddress? address));
        Assert.Equal(IPAddress.Loopback, address);
        Assert.Equal("010000007f000001", Hex.Format(id.EncodedBody.Span)); // IDii_b as HASH_I covers it
        Assert.Equal(20, message.Find<HashPayload>()!.Data.Length);
        NotificationPayload contact = message.FindNotification(IsakmpNotifyType.InitialContact)!;
        Assert.True(contact.TryGetCookies(out ulong initiator, out ulong responder));
        Assert.Equal((StrongSwanIkev1Vectors.InitiatorCookie, StrongSwanIkev1Vectors.ResponderCookie), (initiator, responder));

        // RFC 2409 Appendix B: the next IV is this message's last ciphertext block.
        Assert.Equal(StrongSwanIkev1Vectors.MainMode6Iv, Hex.Format(result.NextIv.Span));
        // The 64-octet chain ends on a block boundary, yet strongSwan added a whole block of padding.
        Assert.Equal(64, message.GetChainBytes(0).Length);
        Assert.Equal(28 + 80, datagram.Length);
    }

    [Fact]
    public void Encrypting_the_decoded_message_with_the_same_iv_reproduces_strongswans_datagram()
    {
        // Same header, same chain and the same amount of zero padding: the codec's output is charon's, octet for octet.
        byte[] datagram = Hex.Parse(StrongSwanIkev1Vectors.MainMode5);
        using var keys = new AesCbcV1Protection(Hex.Parse(StrongSwanIkev1Vectors.EncryptionKey));
        IsakmpMessage message = IsakmpMessageCodec.Decode(datagram, keys, Hex.Parse(StrongSwanIkev1Vectors.MainMode5Iv)).Message!;
        byte[] iv = Hex.Parse(StrongSwanIkev1Vectors.MainMode5Iv);

        byte[] reencoded = IsakmpMessageCodec.Encode(message, keys, iv);

        Assert.Equal(Hex.Format(datagram), Hex.Format(reencoded));
        Assert.Equal(StrongSwanIkev1Vectors.MainMode6Iv, Hex.Format(iv)); // advanced in place to the last block
    }

    [Fact]
    public void Strongswans_quick_mode_hash_1_covers_exactly_the_chain_after_the_hash_payload()
    {
        byte[] datagram = Hex.Parse(StrongSwanIkev1Vectors.QuickMode1);
        using var keys = new AesCbcV1Protection(Hex.Parse(StrongSwanIkev1Vectors.EncryptionKey));

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, keys, Hex.Parse(StrongSwanIkev1Vectors.QuickMode1Iv), messageNumber: 1);

        Assert.True(result.IsOk, result.ToString());
        IsakmpMessage message = result.Message;
        Assert.Equal(StrongSwanIkev1Vectors.QuickModeMessageId, message.MessageId);
        Assert.Equal(
            [IsakmpPayloadType.Hash, IsakmpPayloadType.SecurityAssociation, IsakmpPayloadType.Nonce, IsakmpPayloadType.KeyExchange,
             IsakmpPayloadType.Identification, IsakmpPayloadType.Identification],
            message.Payloads.Select(p => p.Type));

        // RFC 2409 §5.5: HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ]).
        var input = new byte[4 + message.GetChainBytes(1).Length];
        BinaryPrimitives.WriteUInt32BigEndian(input, message.MessageId);
        message.GetChainBytes(1).Span.CopyTo(input.AsSpan(4));
        byte[] expected = HMACSHA1.HashData(Hex.Parse(StrongSwanIkev1Vectors.SkeyidA), input);
        Assert.Equal(Hex.Format(expected), Hex.Format(message.Find<HashPayload>()!.Data.Span));

        // The chain of a message we build (re-encoded here) hashes to the same value.
        IsakmpMessage rebuilt = message with { Payloads = [.. message.Payloads] };
        Assert.Equal(message.GetChainBytes(1).ToArray(), rebuilt.GetChainBytes(1).ToArray());
    }

    [Fact]
    public void Decodes_strongswans_quick_mode_proposal_and_traffic_selectors()
    {
        using var keys = new AesCbcV1Protection(Hex.Parse(StrongSwanIkev1Vectors.EncryptionKey));

        IsakmpMessage message = IsakmpMessageCodec.Decode(
            Hex.Parse(StrongSwanIkev1Vectors.QuickMode1), keys, Hex.Parse(StrongSwanIkev1Vectors.QuickMode1Iv)).Message!;

        ProposalPayload esp = Assert.Single(message.Find<SaPayload>()!.Proposals);
        Assert.True(esp.TryGetIpsecSpi(out _));
        TransformPayload transform = Assert.Single(esp.Transforms);
        Assert.Equal((byte)EspTransformId.Aes, transform.TransformId);
        Assert.Equal((ushort)128, transform.Find(IpsecAttributeType.KeyLength)!.BasicValue);
        Assert.Equal((ushort)IpsecAuthenticationAlgorithm.HmacSha1, transform.Find(IpsecAttributeType.AuthenticationAlgorithm)!.BasicValue);
        Assert.Equal((ushort)GroupDescription.Modp2048, transform.Find(IpsecAttributeType.GroupDescription)!.BasicValue);
        Assert.Equal((ushort)EncapsulationMode.Tunnel, transform.Find(IpsecAttributeType.EncapsulationMode)!.BasicValue);

        IdPayload[] selectors = message.FindAll<IdPayload>().ToArray();
        Assert.True(selectors[0].TryGetAddressPair(out IPAddress? network, out IPAddress? mask));
        Assert.Equal((IPAddress.Parse("10.1.0.0"), IPAddress.Parse("255.255.0.0")), (network, mask));
        Assert.True(selectors[1].TryGetAddressPair(out network, out _));
        Assert.Equal(IPAddress.Parse("10.2.0.0"), network);
    }

    [Fact]
    public void A_wrong_key_shows_up_as_a_malformed_chain_not_as_an_exception()
    {
        // IKEv1 has no ICV: with a wrong PSK the decrypted octets are noise, and the chain check catches it. With an
        // all-zero key the first "payload" of charon's message 5 claims 0x27b6 octets.
        using var wrongKey = new AesCbcV1Protection(new byte[16]);

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(
            Hex.Parse(StrongSwanIkev1Vectors.MainMode5), wrongKey, Hex.Parse(StrongSwanIkev1Vectors.MainMode5Iv));

        Assert.Equal(IsakmpDecodeStatus.Malformed, result.Status);
        Assert.Equal((IkeMalformedReason.PayloadPastEnd, 30), (result.MalformedReason, result.MalformedOffset));
        Assert.True(result.Header!.Value.IsEncrypted);
    }

    [Fact]
    public void An_encrypted_message_without_keys_needs_protection()
    {
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(StrongSwanIkev1Vectors.MainMode5));

        Assert.Equal(IsakmpDecodeStatus.NeedsProtection, result.Status);
        Assert.Equal(StrongSwanIkev1Vectors.ResponderCookie, result.Header!.Value.ResponderCookie);
        Assert.Null(result.ErrorNotify);
    }

    [Theory]
    [MemberData(nameof(SampleIsakmpMessages.Names), MemberType = typeof(SampleIsakmpMessages))]
    public void Decode_of_encode_gives_back_the_same_message(string sample, int number)
    {
        IsakmpMessage message = SampleIsakmpMessages.ByName(sample);
        using var keys = AesCbcV1Protection.CreateRandom();
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        byte[] sendIv = iv.ToArray();

        byte[] datagram = message.IsEncrypted ? IsakmpMessageCodec.Encode(message, keys, sendIv) : IsakmpMessageCodec.Encode(message);
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, keys, iv, number);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(message, result.Message);
        Assert.Equal(datagram, result.Message.RawBytes.ToArray());
        Assert.Equal(datagram.Length, IsakmpMessageCodec.GetEncodedLength(message, message.IsEncrypted ? keys.BlockSize : null));
        Assert.Equal(message.GetChainBytes(0).ToArray(), result.Message.GetChainBytes(0).ToArray());
        if (message.IsEncrypted)
        {
            Assert.Equal(sendIv, result.NextIv.ToArray()); // both ends agree on the next IV
        }
    }

    [Fact]
    public void Cbc_chaining_carries_across_the_messages_of_an_exchange()
    {
        // RFC 2409 Appendix B: each message's IV is the previous message's last ciphertext block.
        using var keys = AesCbcV1Protection.CreateRandom();
        byte[] initiatorIv = RandomNumberGenerator.GetBytes(16);
        byte[] responderIv = initiatorIv.ToArray();

        byte[] quickMode1 = IsakmpMessageCodec.Encode(SampleIsakmpMessages.QuickMode1(), keys, initiatorIv);
        IsakmpDecodeResult first = IsakmpMessageCodec.Decode(quickMode1, keys, responderIv, 1);
        first.NextIv.Span.CopyTo(responderIv); // the responder adopts it after HASH(1) verified
        byte[] quickMode2 = IsakmpMessageCodec.Encode(SampleIsakmpMessages.QuickMode2(), keys, responderIv);
        IsakmpDecodeResult second = IsakmpMessageCodec.Decode(quickMode2, keys, initiatorIv, 2);

        Assert.True(second.IsOk, second.ToString());
        Assert.Equal(quickMode2[^16..], second.NextIv.ToArray());
        Assert.Equal(quickMode2[^16..], responderIv);
    }

    [Fact]
    public void Decoding_does_not_touch_the_callers_iv()
    {
        using var keys = AesCbcV1Protection.CreateRandom();
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        byte[] datagram = IsakmpMessageCodec.Encode(SampleIsakmpMessages.QuickMode3(), keys, iv.ToArray());
        byte[] before = iv.ToArray();

        IsakmpMessageCodec.Decode(datagram, keys, iv);

        Assert.Equal(before, iv);
    }

    [Theory]
    [InlineData(0, 16)]   // empty chain: one block of padding
    [InlineData(12, 16)]
    [InlineData(16, 32)]  // aligned: a whole block of padding, as strongSwan sends
    [InlineData(17, 32)]
    public void Padding_is_one_to_block_size_zero_octets(int chainLength, int expected) =>
        Assert.Equal(expected, IsakmpMessageCodec.GetPaddedLength(chainLength, 16));

    [Fact]
    public void An_encrypted_message_has_the_layout_of_rfc_2409_appendix_b()
    {
        IsakmpMessage message = SampleIsakmpMessages.DpdRUThere();
        using var keys = AesCbcV1Protection.CreateRandom();
        int chainLength = message.GetChainBytes(0).Length;

        byte[] datagram = IsakmpMessageCodec.Encode(message, keys, new byte[16]);

        Assert.Equal((byte)IsakmpPayloadType.Hash, datagram[16]);
        Assert.Equal(0x10, datagram[17]);
        Assert.Equal((byte)IsakmpExchangeType.Informational, datagram[18]);
        Assert.Equal((byte)IsakmpHeaderFlags.Encryption, datagram[19]);
        Assert.Equal((uint)datagram.Length, BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(24)));
        Assert.Equal(28 + IsakmpMessageCodec.GetPaddedLength(chainLength, 16), datagram.Length);
        Assert.Equal(1, keys.Encryptions);
    }

    [Fact]
    public void Reserved_flag_bits_are_ignored_on_receipt_and_never_sent()
    {
        byte[] datagram = IsakmpMessageCodec.Encode(SampleIsakmpMessages.MainMode1());
        datagram[19] |= 0xF8;

        IsakmpMessage message = IsakmpMessageCodec.Decode(datagram).Message!;

        Assert.Equal(IsakmpHeaderFlags.None, message.Flags);
        Assert.Equal(0, IsakmpMessageCodec.Encode(message)[19]);
    }

    [Fact]
    public void Up_to_three_zero_octets_after_the_last_payload_are_libreswans_padding()
    {
        byte[] datagram = [.. IsakmpMessageCodec.Encode(SampleIsakmpMessages.MainMode1()), 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(24), (uint)datagram.Length);

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, null, default, 1);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(SampleIsakmpMessages.MainMode1(), result.Message);
    }

    [Fact]
    public void A_private_use_payload_is_kept_and_skipped_by_the_rules()
    {
        var fragmentation = new UnknownPayload((IsakmpPayloadType)132, new byte[] { 1, 2, 3 });
        IsakmpMessage message = SampleIsakmpMessages.MainMode1() with { Payloads = [.. SampleIsakmpMessages.MainMode1().Payloads, fragmentation] };

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(IsakmpMessageCodec.Encode(message), null, default, 1);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(fragmentation, result.Message.Payloads[^1]);
    }

    [Fact]
    public void Get_chain_bytes_of_the_whole_list_and_of_nothing()
    {
        IsakmpMessage message = SampleIsakmpMessages.QuickMode3();

        Assert.Equal(4 + 32, message.GetChainBytes(0).Length);
        Assert.True(message.GetChainBytes(1).IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => message.GetChainBytes(2));
    }

    [Fact]
    public void Encoding_mistakes_are_our_bugs()
    {
        using var keys = AesCbcV1Protection.CreateRandom();

        Assert.Throws<ArgumentException>(() => IsakmpMessageCodec.Encode(SampleIsakmpMessages.MainMode5()));
        Assert.Throws<ArgumentException>(() => IsakmpMessageCodec.Encode(SampleIsakmpMessages.MainMode1(), keys, new byte[16]));
        Assert.Throws<ArgumentException>(() => IsakmpMessageCodec.Encode(SampleIsakmpMessages.MainMode5(), keys, new byte[8]));
        Assert.Throws<ArgumentException>(() => IsakmpMessageCodec.Decode(Hex.Parse(StrongSwanIkev1Vectors.MainMode5), keys, new byte[8]));
    }
}
