namespace Ipsec.Crypto.Sm;

/// <summary>
/// Every identifier the SM (ShangMi, national-crypto) suite uses on the wire, in one table with its source
/// (<see cref="All"/>), and as named constants for the code that builds and parses messages. IANA assigns no SM
/// identifier; nothing else in the engine may spell one of these numbers.
/// </summary>
/// <remarks>
/// <para>Three profiles use them:</para>
/// <list type="bullet">
/// <item>GM/T 0022 (IKEv1-based, ISAKMP version 1.1): main mode with signing and encryption certificates and SM2
/// digital envelopes, SM4 and SM3 in phase 1 and ESP. Its numbers are only meaningful inside that profile: 10 in the
/// phase 1 authentication method attribute is RFC 4754's ECDSA-384 in plain IKEv1.</item>
/// <item>IKEv2 with SM transforms following draft-guo-ipsecme-ikev2-using-shangmi: the draft names the transforms but
/// leaves their IANA numbers "TBD", so we use private-use values (RFC 7296 §3.3.2: 1024-65535 for transform types 1-4).
/// SM2 signature authentication is RFC 7427 Digital Signature (method 14) with the SM2-with-SM3 AlgorithmIdentifier,
/// which needs no new number.</item>
/// <item>IKEv1 outside GM/T 0022 (aggressive mode on an sm gateway): RFC 2409 signature authentication with SM2 under a
/// private-use method number (RFC 2409 Appendix A: 65001-65535).</item>
/// </list>
/// <para>The GM/T 0022 values come from public technical summaries of GM/T 0022-2023, not from the standard's text,
/// which we could not obtain; <see cref="SmIdentifierOrigin.GmT0022"/> rows must be checked against it before
/// interoperating with another vendor. Until then both ends are this product's engine, so a wrong guess cannot break
/// a tunnel, only interoperability.</para>
/// <para>Choices the engine's GM/T 0022 main mode makes where the public descriptions stop (the message layout
/// HDR,SA / HDR,SA,CERT_sig_r,CERT_enc_r / HDR,SK,Ni,IDi,CERT_sig_i,CERT_enc_i,SIG_i / HDR,SK,Nr,IDr,SIG_r /
/// HDR*,HASH_I / HDR*,HASH_R is from published analyses of GM/T 0022 captures): the symmetric key payload holds the
/// SM2 ciphertext (GM/T 0009 DER) of a fresh key as long as the negotiated cipher's; each enveloped Nonce/ID body is
/// IV | SM4-CBC(body | PKCS#7 padding); SIG = SM2 (default Z) over Sk | N_b | ID_b | DER of the encryption
/// certificate; SKEYID = prf(hash(Ni_b | Nr_b), CKY-I | CKY-R) (RFC 2409 §5 public key form); no group attribute and
/// no Diffie-Hellman; the first phase 1 IV is hash(Ni_b | Nr_b). Code: Ike.Engine Sa/V1/GmT0022.</para>
/// </remarks>
public static class SmIdentifiers
{
    // ---- GM/T 0022 (ISAKMP 1.1) ----

    /// <summary>ISAKMP header version byte of GM/T 0022 messages: major 1, minor 1 (plain IKEv1 is 0x10).</summary>
    public const byte GmT0022IsakmpVersion = 0x11;

    /// <summary>Phase 1 "Encryption Algorithm" attribute (class 1) value for SM4-CBC. IANA: 9-65000 unassigned.</summary>
    public const ushort Ikev1Phase1EncryptionSm4 = 129;

    /// <summary>Phase 1 "Hash Algorithm" attribute (class 2) value for SM3 (HMAC-SM3 as the PRF). IANA: unassigned.</summary>
    public const ushort Ikev1Phase1HashSm3 = 20;

    /// <summary>Phase 1 "Authentication Method" attribute (class 3) value of the GM/T 0022 SM2 digital envelope
    /// (certificates plus SM2-encrypted symmetric keys). Collides with RFC 4754 ECDSA-384: read it only under
    /// <see cref="GmT0022IsakmpVersion"/>.</summary>
    public const ushort Ikev1AuthMethodDigitalEnvelope = 10;

    /// <summary>GM/T 0022's value for SM2 in its phase 1 "asymmetric algorithm" attribute.</summary>
    public const ushort Ikev1AsymmetricAlgorithmSm2 = 2;

    /// <summary>Attribute class carrying <see cref="Ikev1AsymmetricAlgorithmSm2"/>. The summaries we could read give the
    /// value but not the class number, so this is a private-use class (RFC 2409 Appendix A: 32001-32767) until the
    /// GM/T 0022 text is available.</summary>
    public const ushort Ikev1AsymmetricAlgorithmAttributeClass = 32001;

    /// <summary>ISAKMP payload type of GM/T 0022's symmetric key payload (the SM2-encrypted Sk_i / Sk_r). RFC 2408
    /// §3.1 reserves 128-255 for private use, so it cannot collide with an IANA payload.</summary>
    public const byte IsakmpPayloadSymmetricKey = 128;

    /// <summary>ISAKMP certificate encoding of the signing certificate: 4 "X.509 Certificate - Signature"
    /// (RFC 2408 §3.9), which GM/T 0022 uses for the dual-certificate scheme's signing certificate.</summary>
    public const byte CertificateEncodingSigning = 4;

    /// <summary>ISAKMP certificate encoding of the encryption certificate: 5 "X.509 Certificate - Key Exchange"
    /// (RFC 2408 §3.9), GM/T 0022's encryption certificate.</summary>
    public const byte CertificateEncodingEncryption = 5;

    /// <summary>IPsec DOI ESP transform id of SM4-CBC. IANA: 24-248 unassigned.</summary>
    public const byte EspTransformSm4Cbc = 127;

    /// <summary>IPsec DOI "Authentication Algorithm" attribute (class 5) value of HMAC-SM3. IANA: unassigned.</summary>
    public const ushort EspAuthHmacSm3 = 20;

    /// <summary>Private-use phase 1 authentication method for SM2 signatures outside GM/T 0022 (RFC 2409 §5.1
    /// signature authentication with SM2-with-SM3; RFC 2409 Appendix A private range 65001-65535).</summary>
    public const ushort Ikev1AuthMethodSm2Signature = 65001;

    // ---- IKEv2 (draft-guo-ipsecme-ikev2-using-shangmi names, private-use numbers) ----

    /// <summary>Transform Type 1 ENCR_SM4_CBC. The draft requests an IANA value ("TBD"); private use meanwhile.</summary>
    public const ushort Ikev2EncrSm4Cbc = 65001;

    /// <summary>Transform Type 2 PRF_HMAC_SM3 (draft value "TBD"; private use).</summary>
    public const ushort Ikev2PrfHmacSm3 = 65001;

    /// <summary>Transform Type 3 AUTH_HMAC_SM3_128: HMAC-SM3 truncated to 128 bits (draft value "TBD"; private use).
    /// The same id serves ESP negotiated by IKEv2.</summary>
    public const ushort Ikev2IntegHmacSm3_128 = 65001;

    /// <summary>IKEv2 Authentication Method 14, Digital Signature (RFC 7427 §3), carrying the SM2-with-SM3
    /// AlgorithmIdentifier (<see cref="OidSm2WithSm3"/>).</summary>
    public const byte Ikev2AuthMethodDigitalSignature = 14;

    // ---- Object identifiers (GM/T 0006) ----

    /// <summary>The SM2 recommended curve sm2p256v1 (GB/T 32918.5), namedCurve of id-ecPublicKey in certificates.</summary>
    public const string OidSm2Curve = "1.2.156.10197.1.301";

    /// <summary>SM3 hash.</summary>
    public const string OidSm3 = "1.2.156.10197.1.401";

    /// <summary>SM2 signature with SM3 (certificate signatures; the RFC 7427 AlgorithmIdentifier).</summary>
    public const string OidSm2WithSm3 = "1.2.156.10197.1.501";

    /// <summary>SM4 in CBC mode.</summary>
    public const string OidSm4Cbc = "1.2.156.10197.1.104.2";

    /// <summary>
    /// The table. Every value above appears here once, with the field it belongs to and its source.
    /// </summary>
    public static IReadOnlyList<SmIdentifier> All { get; } =
    [
        Numeric("GM/T 0022 ISAKMP version", "ISAKMP header MjVer/MnVer", GmT0022IsakmpVersion, SmIdentifierOrigin.GmT0022,
            "GM/T 0022-2023 §6.1 message header: version 0x11"),
        Numeric("SM4-CBC", "IKEv1 phase 1 attribute 1 (Encryption Algorithm)", Ikev1Phase1EncryptionSm4, SmIdentifierOrigin.GmT0022,
            "GM/T 0022-2023 §6.1 algorithm table"),
        Numeric("SM3 (HMAC-SM3 PRF)", "IKEv1 phase 1 attribute 2 (Hash Algorithm)", Ikev1Phase1HashSm3, SmIdentifierOrigin.GmT0022,
            "GM/T 0022-2023 §6.1 algorithm table"),
        Numeric("SM2 digital envelope", "IKEv1 phase 1 attribute 3 (Authentication Method)", Ikev1AuthMethodDigitalEnvelope,
            SmIdentifierOrigin.GmT0022, "GM/T 0022-2023 §6.1; collides with RFC 4754 ECDSA-384, valid only in ISAKMP 1.1; "
            + "SIG over Sk | N_b | ID_b | encryption certificate, SKEYID = prf(hash(Ni_b | Nr_b), CKY-I | CKY-R) (our reading, see remarks)"),
        Numeric("SM2", "IKEv1 phase 1 asymmetric algorithm attribute (value)", Ikev1AsymmetricAlgorithmSm2, SmIdentifierOrigin.GmT0022,
            "GM/T 0022-2023 §6.1 algorithm table"),
        Numeric("asymmetric algorithm attribute class", "IKEv1 phase 1 attribute class", Ikev1AsymmetricAlgorithmAttributeClass,
            SmIdentifierOrigin.PrivateUse, "class number not in the summaries we could read; RFC 2409 Appendix A private range 32001-32767"),
        Numeric("symmetric key payload", "ISAKMP payload type", IsakmpPayloadSymmetricKey, SmIdentifierOrigin.GmT0022,
            "GM/T 0022-2023 §6.1 payload formats; RFC 2408 §3.1 private range 128-255; body = SM2 DER ciphertext of Sk_i/Sk_r "
            + "(our reading, see remarks); Ni/IDi bodies under it are IV | SM4-CBC(PKCS#7-padded) (our choice)"),
        Numeric("signing certificate", "ISAKMP certificate encoding", CertificateEncodingSigning, SmIdentifierOrigin.Iana,
            "RFC 2408 §3.9 \"X.509 Certificate - Signature\", used by GM/T 0022 for the signing certificate"),
        Numeric("encryption certificate", "ISAKMP certificate encoding", CertificateEncodingEncryption, SmIdentifierOrigin.Iana,
            "RFC 2408 §3.9 \"X.509 Certificate - Key Exchange\", used by GM/T 0022 for the encryption certificate"),
        Numeric("ESP_SM4_CBC", "IPsec DOI ESP transform id", EspTransformSm4Cbc, SmIdentifierOrigin.GmT0022,
            "GM/T 0022-2023 §6.2 (ESP SM4-CBC)"),
        Numeric("HMAC-SM3", "IPsec DOI attribute 5 (Authentication Algorithm)", EspAuthHmacSm3, SmIdentifierOrigin.GmT0022,
            "GM/T 0022-2023 §6.2 (ESP/AH HMAC-SM3)"),
        Numeric("SM2 signature", "IKEv1 phase 1 attribute 3 (Authentication Method)", Ikev1AuthMethodSm2Signature,
            SmIdentifierOrigin.PrivateUse, "our choice for aggressive mode on sm gateways; RFC 2409 Appendix A private range 65001-65535"),
        Numeric("ENCR_SM4_CBC", "IKEv2 Transform Type 1", Ikev2EncrSm4Cbc, SmIdentifierOrigin.PrivateUse,
            "draft-guo-ipsecme-ikev2-using-shangmi names it, value TBD; RFC 7296 §3.3.2 private range 1024-65535"),
        Numeric("PRF_HMAC_SM3", "IKEv2 Transform Type 2", Ikev2PrfHmacSm3, SmIdentifierOrigin.PrivateUse,
            "draft-guo-ipsecme-ikev2-using-shangmi names it, value TBD; RFC 7296 §3.3.2 private range 1024-65535"),
        Numeric("AUTH_HMAC_SM3_128", "IKEv2 Transform Type 3", Ikev2IntegHmacSm3_128, SmIdentifierOrigin.PrivateUse,
            "draft value TBD; RFC 7296 §3.3.2 private range 1024-65535; ICV truncated to 128 bits as RFC 4868 §2.3 does for 256-bit hashes (our choice)"),
        Numeric("Digital Signature (SM2-with-SM3)", "IKEv2 Authentication Method", Ikev2AuthMethodDigitalSignature, SmIdentifierOrigin.Iana,
            "RFC 7427 §3 with AlgorithmIdentifier " + OidSm2WithSm3),
        ObjectId("sm2p256v1", OidSm2Curve, "GM/T 0006; GB/T 32918.5 recommended curve"),
        ObjectId("SM3", OidSm3, "GM/T 0006"),
        ObjectId("SM2-with-SM3", OidSm2WithSm3, "GM/T 0006; certificate signatures (GM/T 0015)"),
        ObjectId("SM4-CBC", OidSm4Cbc, "GM/T 0006"),
    ];

    private static SmIdentifier Numeric(string name, string field, int value, SmIdentifierOrigin origin, string source) =>
        new(name, field, value, null, origin, source);

    private static SmIdentifier ObjectId(string name, string oid, string source) =>
        new(name, "ASN.1 object identifier", null, oid, SmIdentifierOrigin.GmT0006, source);
}
