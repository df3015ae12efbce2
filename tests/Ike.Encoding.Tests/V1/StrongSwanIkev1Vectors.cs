namespace Ike.Encoding.Tests.V1;

/// <summary>
/// IKEv1 datagrams sent by strongSwan 5.9.8 (Debian strongswan-charon 5.9.8-5+deb12u6) on this machine, captured by
/// Vectors/capture_charon_ikev1.py: charon initiated main mode (aes128-sha1-modp2048, PSK, IDs 127.0.0.1) and quick
/// mode (ESP aes128-sha1 with PFS, 10.1.0.0/16 === 10.2.0.0/16) towards the script, which answered as responder
/// with RFC 2409's formulas. The script verified HASH_I and HASH(1) itself, so the key, IVs and SKEYID_a below are
/// the ones charon used. The non-ESP marker of the custom ports is stripped.
/// </summary>
internal static class StrongSwanIkev1Vectors
{
    /// <summary>Main mode message 1: HDR, SA, VID(strongSwan), VID(XAUTH), VID(DPD), VID(FRAGMENTATION), VID(RFC 3947), VID(draft-02\n).</summary>
    public const string MainMode1 =
        "50c6c8463933fefc00000000000000000110020000000000000000c80d000038"
        + "00000001000000010000002c01010001000000240101000080010007800e0080"
        + "800200028004000e80030001800b0001800c3de00d000014882fe56d6fd20dbc"
        + "2251613b2ebe5beb0d00000c09002689dfd6b7120d000014afcad71368a1f1c9"
        + "6b8696fc775701000d0000184048b7d56ebce88525e7de7f00d6c2d380000000"
        + "0d0000144a131c81070358455c5728f20e95452f0000001490cb80913ebb696e"
        + "086381b5ec427b1f";

    /// <summary>Main mode message 3: HDR, KE (MODP-2048), Ni (32 octets), NAT-D, NAT-D.</summary>
    public const string MainMode3 =
        "50c6c8463933fefcc6e76c91cd459fd90410020000000000000001740a000104"
        + "06a46c9f05e9e7b4d2bf441bf93db5ac9f27446f14a5a286a099a80c91da4d89"
        + "16a2c9b76fa86a967bbdc5d09672d4ef668e2e32985c1419dc110ea7b7e44f0d"
        + "316007b3dfd4e81cbc5335a8541e8ff560aa89a139bcab2ca84e999a707a32ae"
        + "ec1d6f54af1b13cadb3b0f0b99d46ce2cd5fa57efd3365969aff71612bed5e68"
        + "deae1ac4feb99dccf666704eeaac4ab711e78ea1e1ff4068b72f7fe8edf06474"
        + "a8eb26ab2d804bd7acc8b31c41b9b9f9bcec9831890f8eee6a7cbe2647057a7d"
        + "96fb943c9069bbb6af09da2c36ffc4d81cd46ca5c40e6e3e9d457309e0ba7c76"
        + "917b145a8a5da2119be9d888eee361dddce1fdfcd17083e00afc8db02b6592d6"
        + "1400002414be64d9135c96fa0e1e672f05cde81083ebee89e5c5873b4edf01b7"
        + "9cefcbee140000181b6ddfcc5096ceb1b9f82b6faec23284cd8221dc00000018"
        + "1af4355bb2d7988326cabffaa12c927819c4e9e7";

    /// <summary>Main mode message 5: HDR*, IDii (ID_IPV4_ADDR 127.0.0.1), HASH_I, N(INITIAL-CONTACT); 64-octet chain, 16 octets of padding.</summary>
    public const string MainMode5 =
        "50c6c8463933fefcc6e76c91cd459fd905100201000000000000006c663d66e2"
        + "b6a7dfd345e892c02a36cea56b9b0999d10020935819afc44f9b78eaaff6f806"
        + "b2fd9f4bd1f7da0503b5242a3c7cf5f587d755dfed53295d114c7b75c73fc64e"
        + "7608785369f80e2b4da1be53";

    /// <summary>Quick mode message 1: HDR*, HASH(1), SA, Ni, KE, IDci, IDcr; 408-octet chain, 8 octets of padding.</summary>
    public const string QuickMode1 =
        "50c6c8463933fefcc6e76c91cd459fd908102001c0f99990000001bc56009062"
        + "0964cda3f67509a2b4205c49023e7b407de8fabd59b0549e091e6b73332dbe32"
        + "77f8e525a9194472ef095220e0205007d7c36368eedf64e92712294f374cb2d1"
        + "c888dffe46060bb62c6194d720231493ab331fc727785fbf7ca1bafc2f6b875c"
        + "473209bee2bc5dbe41672875bd3f2699a56b485972a7604535f58be1698c87ee"
        + "47df9131148d05643677414b17af66fb21717e644da3e372e44827b83ed7279b"
        + "446910d951fa7a90775018495fae31b7bd139867c006384b9983a9e551125ae1"
        + "602f0863c7ae8eaa4dd1bbac04414c54b7791cbc96f78ae63e8b2268a2218ef1"
        + "a74b44155d90e92d93be05d85865353add4f2bdf409e3efdbd832f294dbe75f1"
        + "545fed5da114798f46009dfe168172a381b8affaaa559b3c2dc2bb0d2aa3275d"
        + "66df75a87bc41db5653243fb40509480de2a9d9d20004c0aa7c17a5c3e68ed04"
        + "a13bf7d1c070966486f7ddb0057ce4eae5e05d50c30af4409a13abc069eeb728"
        + "32f172053ba2f83154ab4012fab94c34ec2a2c3df1b84216a57126762f44ada2"
        + "af23861002609073bbdbb77adb6fa4a16a185cdc964eed2f8c518eab";

    /// <summary>AES-128 key of the ISAKMP SA (the first 16 octets of SKEYID_e, RFC 2409 Appendix B).</summary>
    public const string EncryptionKey = "a75d83b7052ba9bebfa180dcd4b36a9b";

    /// <summary>IV of main mode message 5: SHA-1(g^xi | g^xr) truncated to 16 octets (RFC 2409 Appendix B).</summary>
    public const string MainMode5Iv = "df5ae9d16719edebce0e9d8d7025f874";

    /// <summary>Last ciphertext block of main mode message 5: the IV of message 6.</summary>
    public const string MainMode6Iv = "c73fc64e7608785369f80e2b4da1be53";

    /// <summary>IV of quick mode message 1: SHA-1(last block of message 6 | M-ID) truncated (RFC 2409 Appendix B).</summary>
    public const string QuickMode1Iv = "f886baebbc6212792e5972dcb141bfee";

    /// <summary>SKEYID_a, the key of quick mode's HASH(1) = prf(SKEYID_a, M-ID | SA | Ni | KE | IDci | IDcr) (RFC 2409 §5.5).</summary>
    public const string SkeyidA = "1a94cfc6fbddff5354891150a082e3e8a0147378";

    public const ulong InitiatorCookie = 0x50c6c8463933fefc;

    public const ulong ResponderCookie = 0xc6e76c91cd459fd9;

    public const uint QuickModeMessageId = 0xc0f99990;
}
