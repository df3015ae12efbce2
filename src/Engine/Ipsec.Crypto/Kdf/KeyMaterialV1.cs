using System.Buffers.Binary;
using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Secrets;
using Ipsec.Crypto.Sm;

namespace Ipsec.Crypto.Kdf;

/// <summary>
/// IKEv1 key derivation and message hashes for pre-shared key authentication (RFC 2409 §5, §5.5, §5.7, Appendix B)
/// as pure functions: bytes in, keys out, no state. "prf" is always the HMAC of the negotiated hash (§5); the IVs use
/// the hash itself.
/// </summary>
/// <remarks>
/// Notation of RFC 2409 §3.2: "g^xy" is the Diffie-Hellman shared secret, "Ni_b"/"Nr_b" the nonce payload bodies,
/// "CKY-I"/"CKY-R" the cookies, "SAi_b"/"IDii_b"/"IDir_b" payload bodies without their generic headers.
/// </remarks>
public static class KeyMaterialV1
{
    /// <summary>SKEYID = prf(pre-shared-key, Ni_b | Nr_b) for pre-shared key authentication (RFC 2409 §5).</summary>
    public static SecretBytes ComputeSkeyIdPsk(HmacPrf prf, ReadOnlySpan<byte> preSharedKey, ReadOnlySpan<byte> nonceInitiator, ReadOnlySpan<byte> nonceResponder)
    {
        ArgumentNullException.ThrowIfNull(prf);
        using IIncrementalMac mac = prf.CreateIncrementalMac(preSharedKey);
        mac.AppendData(nonceInitiator);
        mac.AppendData(nonceResponder);
        var skeyid = new SecretBytes(prf.OutputLength);
        mac.GetHashAndReset(skeyid.WritableSpan);
        return skeyid;
    }

    /// <summary>
    /// RFC 2409 §5:
    /// <code>
    /// SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
    /// SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
    /// SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
    /// </code>
    /// and the cipher key from SKEYID_e (Appendix B). <paramref name="skeyid"/> is copied; the caller wipes its own.
    /// </summary>
    public static IsakmpSaKeys DeriveIsakmpSaKeys(HmacPrf prf, EncryptionAlgorithm encryption, ReadOnlySpan<byte> skeyid,
        ReadOnlySpan<byte> sharedSecret, ulong initiatorCookie, ulong responderCookie)
    {
        ArgumentNullException.ThrowIfNull(prf);
        ArgumentNullException.ThrowIfNull(encryption);
        Span<byte> cookies = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(cookies, initiatorCookie);
        BinaryPrimitives.WriteUInt64BigEndian(cookies[8..], responderCookie);

        SecretBytes skeyidCopy = SecretBytes.CopyOf(skeyid);
        var skeyidD = new SecretBytes(prf.OutputLength);
        var skeyidA = new SecretBytes(prf.OutputLength);
        var skeyidE = new SecretBytes(prf.OutputLength);
        using (IIncrementalMac mac = prf.CreateIncrementalMac(skeyid))
        {
            DeriveOne(mac, [], sharedSecret, cookies, 0, skeyidD.WritableSpan);
            DeriveOne(mac, skeyidD.Span, sharedSecret, cookies, 1, skeyidA.WritableSpan);
            DeriveOne(mac, skeyidA.Span, sharedSecret, cookies, 2, skeyidE.WritableSpan);
        }

        SecretBytes encryptionKey = ExpandEncryptionKey(prf, skeyidE.Span, encryption.KeyLength);
        return new IsakmpSaKeys(prf.Algorithm, encryption, skeyidCopy, skeyidD, skeyidA, skeyidE, encryptionKey);
    }

    /// <summary>
    /// RFC 2409 Appendix B: when SKEYID_e is at least as long as the key, the key is its first octets; otherwise
    /// "Ka = K1 | K2 | K3 ... where K1 = prf(SKEYID_e, 0), K2 = prf(SKEYID_e, K1), K3 = prf(SKEYID_e, K2)" and the key
    /// is the first octets of Ka ("0" is a single zero octet, as strongSwan and Libreswan read it).
    /// </summary>
    public static SecretBytes ExpandEncryptionKey(HmacPrf prf, ReadOnlySpan<byte> skeyidE, int keyLength)
    {
        ArgumentNullException.ThrowIfNull(prf);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keyLength);
        var key = new SecretBytes(keyLength);
        if (skeyidE.Length >= keyLength)
        {
            skeyidE[..keyLength].CopyTo(key.WritableSpan);
            return key;
        }

        // K1 = prf(SKEYID_e, 0); each next block is the PRF of the previous one
        Span<byte> previous = stackalloc byte[64];
        Span<byte> block = stackalloc byte[64];
        block = block[..prf.OutputLength];
        int previousLength = 1;
        previous[0] = 0;
        try
        {
            for (int offset = 0; offset < keyLength; offset += block.Length)
            {
                prf.Compute(skeyidE, previous[..previousLength], block);
                block[..Math.Min(block.Length, keyLength - offset)].CopyTo(key.WritableSpan[offset..]);
                block.CopyTo(previous);
                previousLength = block.Length;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
            CryptographicOperations.ZeroMemory(previous);
        }

        return key;
    }

    /// <summary>HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b) (RFC 2409 §5).</summary>
    public static byte[] ComputeHashI(HmacPrf prf, ReadOnlySpan<byte> skeyid, ReadOnlySpan<byte> publicInitiator, ReadOnlySpan<byte> publicResponder,
        ulong initiatorCookie, ulong responderCookie, ReadOnlySpan<byte> saInitiatorBody, ReadOnlySpan<byte> idInitiatorBody) =>
        ComputeAuthHash(prf, skeyid, publicInitiator, publicResponder, initiatorCookie, responderCookie, saInitiatorBody, idInitiatorBody);

    /// <summary>HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) (RFC 2409 §5): the initiator's SA
    /// body in both hashes.</summary>
    public static byte[] ComputeHashR(HmacPrf prf, ReadOnlySpan<byte> skeyid, ReadOnlySpan<byte> publicInitiator, ReadOnlySpan<byte> publicResponder,
        ulong initiatorCookie, ulong responderCookie, ReadOnlySpan<byte> saInitiatorBody, ReadOnlySpan<byte> idResponderBody) =>
        ComputeAuthHash(prf, skeyid, publicResponder, publicInitiator, responderCookie, initiatorCookie, saInitiatorBody, idResponderBody);

    /// <summary>The IV of the first encrypted phase 1 message: hash(g^xi | g^xr), truncated to the block size
    /// (RFC 2409 Appendix B).</summary>
    public static byte[] ComputePhase1Iv(AuthAlgorithm hash, ReadOnlySpan<byte> publicInitiator, ReadOnlySpan<byte> publicResponder, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var data = new byte[publicInitiator.Length + publicResponder.Length];
        publicInitiator.CopyTo(data);
        publicResponder.CopyTo(data.AsSpan(publicInitiator.Length));
        return Truncate(Hash(hash, data), blockSize);
    }

    /// <summary>The IV of the first message of a quick mode or informational exchange: hash(last phase 1 CBC output
    /// block | M-ID), truncated to the block size (RFC 2409 Appendix B).</summary>
    public static byte[] ComputePhase2Iv(AuthAlgorithm hash, ReadOnlySpan<byte> lastPhase1Block, uint messageId, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var data = new byte[lastPhase1Block.Length + 4];
        lastPhase1Block.CopyTo(data);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(lastPhase1Block.Length), messageId);
        return Truncate(Hash(hash, data), blockSize);
    }

    /// <summary>Quick mode HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ]) and informational
    /// HASH(1) = prf(SKEYID_a, M-ID | N/D) (RFC 2409 §5.5, §5.7): <paramref name="payloadsAfterHash"/> is the chain
    /// after the HASH payload as sent, generic headers included.</summary>
    public static byte[] ComputeMessageHash(HmacPrf prf, ReadOnlySpan<byte> skeyidA, uint messageId, ReadOnlySpan<byte> payloadsAfterHash)
    {
        ArgumentNullException.ThrowIfNull(prf);
        using IIncrementalMac mac = prf.CreateIncrementalMac(skeyidA);
        mac.AppendData(MessageIdBytes(messageId));
        mac.AppendData(payloadsAfterHash);
        return Finish(mac, prf);
    }

    /// <summary>Quick mode HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ]) (RFC 2409 §5.5).</summary>
    public static byte[] ComputeQuickModeHash2(HmacPrf prf, ReadOnlySpan<byte> skeyidA, uint messageId, ReadOnlySpan<byte> nonceInitiator,
        ReadOnlySpan<byte> payloadsAfterHash)
    {
        ArgumentNullException.ThrowIfNull(prf);
        using IIncrementalMac mac = prf.CreateIncrementalMac(skeyidA);
        mac.AppendData(MessageIdBytes(messageId));
        mac.AppendData(nonceInitiator);
        mac.AppendData(payloadsAfterHash);
        return Finish(mac, prf);
    }

    /// <summary>Quick mode HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b) (RFC 2409 §5.5), "0" a single zero octet.</summary>
    public static byte[] ComputeQuickModeHash3(HmacPrf prf, ReadOnlySpan<byte> skeyidA, uint messageId, ReadOnlySpan<byte> nonceInitiator,
        ReadOnlySpan<byte> nonceResponder)
    {
        ArgumentNullException.ThrowIfNull(prf);
        using IIncrementalMac mac = prf.CreateIncrementalMac(skeyidA);
        mac.AppendData([0]);
        mac.AppendData(MessageIdBytes(messageId));
        mac.AppendData(nonceInitiator);
        mac.AppendData(nonceResponder);
        return Finish(mac, prf);
    }

    /// <summary>
    /// KEYMAT of one IPsec SA (RFC 2409 §5.5): prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), expanded as
    /// "KEYMAT = K1 | K2 | K3 | ... where K1 = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b),
    /// K2 = prf(SKEYID_d, K1 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)" and so on. The SPI is the one the
    /// receiving end of the SA chose. An empty <paramref name="sharedSecret"/> means no PFS.
    /// </summary>
    public static void ComputeKeymat(HmacPrf prf, ReadOnlySpan<byte> skeyidD, ReadOnlySpan<byte> sharedSecret, byte protocol, uint spi,
        ReadOnlySpan<byte> nonceInitiator, ReadOnlySpan<byte> nonceResponder, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(prf);
        Span<byte> protocolAndSpi = stackalloc byte[5];
        protocolAndSpi[0] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(protocolAndSpi[1..], spi);
        Span<byte> block = stackalloc byte[64];
        block = block[..prf.OutputLength];
        using IIncrementalMac mac = prf.CreateIncrementalMac(skeyidD);
        try
        {
            for (int offset = 0; offset < destination.Length; offset += block.Length)
            {
                if (offset > 0)
                {
                    mac.AppendData(block); // Kn-1
                }

                mac.AppendData(sharedSecret);
                mac.AppendData(protocolAndSpi);
                mac.AppendData(nonceInitiator);
                mac.AppendData(nonceResponder);
                mac.GetHashAndReset(block);
                block[..Math.Min(block.Length, destination.Length - offset)].CopyTo(destination[offset..]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }

    /// <summary>
    /// Both directions of an ESP SA pair from quick mode, laid out as <see cref="ChildSaKeys"/> expects (initiator to
    /// responder first, encryption key before integrity key, the order strongSwan and Libreswan take them from KEYMAT).
    /// Each direction has its own KEYMAT over its own SPI: the initiator-to-responder SA uses the responder's SPI (the
    /// one in the responder's SA payload), the other the initiator's.
    /// </summary>
    public static ChildSaKeys DeriveChildSaKeys(HmacPrf prf, ReadOnlySpan<byte> skeyidD, ChildSaSuite suite, ReadOnlySpan<byte> sharedSecret,
        byte protocol, uint responderSpi, uint initiatorSpi, ReadOnlySpan<byte> nonceInitiator, ReadOnlySpan<byte> nonceResponder)
    {
        ArgumentNullException.ThrowIfNull(suite);
        int perDirection = suite.KeyMaterialLengthPerDirection;
        var material = new SecretBytes(2 * perDirection);
        ComputeKeymat(prf, skeyidD, sharedSecret, protocol, responderSpi, nonceInitiator, nonceResponder, material.WritableSpan[..perDirection]);
        ComputeKeymat(prf, skeyidD, sharedSecret, protocol, initiatorSpi, nonceInitiator, nonceResponder, material.WritableSpan[perDirection..]);
        return new ChildSaKeys(suite, material);
    }

    private static byte[] ComputeAuthHash(HmacPrf prf, ReadOnlySpan<byte> skeyid, ReadOnlySpan<byte> firstPublic, ReadOnlySpan<byte> secondPublic,
        ulong firstCookie, ulong secondCookie, ReadOnlySpan<byte> saBody, ReadOnlySpan<byte> idBody)
    {
        ArgumentNullException.ThrowIfNull(prf);
        Span<byte> cookies = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(cookies, firstCookie);
        BinaryPrimitives.WriteUInt64BigEndian(cookies[8..], secondCookie);
        using IIncrementalMac mac = prf.CreateIncrementalMac(skeyid);
        mac.AppendData(firstPublic);
        mac.AppendData(secondPublic);
        mac.AppendData(cookies);
        mac.AppendData(saBody);
        mac.AppendData(idBody);
        return Finish(mac, prf);
    }

    private static void DeriveOne(IIncrementalMac mac, ReadOnlySpan<byte> previous, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> cookies,
        byte index, Span<byte> destination)
    {
        mac.AppendData(previous);
        mac.AppendData(sharedSecret);
        mac.AppendData(cookies);
        mac.AppendData([index]);
        mac.GetHashAndReset(destination);
    }

    private static byte[] Finish(IIncrementalMac mac, HmacPrf prf)
    {
        var output = new byte[prf.OutputLength];
        mac.GetHashAndReset(output);
        return output;
    }

    private static byte[] MessageIdBytes(uint messageId)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, messageId);
        return bytes;
    }

    private static byte[] Hash(AuthAlgorithm algorithm, ReadOnlySpan<byte> data) =>
        algorithm.Hash == Sm3Hash.Name ? Sm3Hash.HashData(data) : CryptographicOperations.HashData(algorithm.Hash, data);

    private static byte[] Truncate(byte[] hash, int blockSize)
    {
        if (blockSize <= 0 || blockSize > hash.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, $"the hash gives {hash.Length} octets");
        }

        return hash[..blockSize];
    }
}
