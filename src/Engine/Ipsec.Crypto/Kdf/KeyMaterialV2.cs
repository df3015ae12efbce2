using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Secrets;

namespace Ipsec.Crypto.Kdf;

/// <summary>
/// IKEv2 key derivation (RFC 7296 §2.13-§2.18) as pure functions: bytes in, keys out, no state.
/// </summary>
/// <remarks>
/// Only HMAC PRFs exist in this product. HMAC takes a key of any length (RFC 2104 §2), so the §2.14 rule that
/// Ni | Nr is the PRF key applies as written: the nonces are concatenated whatever their lengths. The §2.14 exception
/// for fixed-key-length PRFs (AES-XCBC-PRF-128, AES-CMAC-PRF-128: half the key from each nonce's leading bytes) and
/// the §2.15 exception of padding the shared secret for them do not apply, and are not implemented.
/// </remarks>
public static class KeyMaterialV2
{
    /// <summary>prf+ stops at 255 iterations: the counter is one octet (RFC 7296 §2.13).</summary>
    public const int MaxPrfPlusIterations = 255;

    /// <summary>Key pad of the PSK AUTH computation: the 17 ASCII characters, no terminating NUL (RFC 7296 §2.15).</summary>
    private static readonly byte[] KeyPadForIkev2 = Encoding.ASCII.GetBytes("Key Pad for IKEv2");

    /// <summary>
    /// prf+ (K,S) = T1 | T2 | T3 | ... with T1 = prf(K, S | 0x01) and Tn = prf(K, Tn-1 | S | n) (RFC 7296 §2.13), filling
    /// <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More than 255 iterations would be needed.</exception>
    public static void PrfPlus(HmacPrf prf, ReadOnlySpan<byte> key, ReadOnlySpan<byte> seed, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(prf);
        var blockLength = prf.OutputLength;
        var iterations = (destination.Length + blockLength - 1) / blockLength;
        if (iterations > MaxPrfPlusIterations)
        {
            throw new ArgumentOutOfRangeException(
                nameof(destination), $"prf+ yields at most {MaxPrfPlusIterations * blockLength} bytes with {prf.Algorithm}.");
        }

        using var hmac = prf.CreateIncrementalMac(key);
        Span<byte> block = stackalloc byte[64];
        block = block[..blockLength];
        Span<byte> counter = stackalloc byte[1];
        try
        {
            for (var n = 1; n <= iterations; n++)
            {
                if (n > 1)
                {
                    hmac.AppendData(block); // Tn-1
                }

                hmac.AppendData(seed);
                counter[0] = (byte)n;
                hmac.AppendData(counter);
                hmac.GetHashAndReset(block);
                var offset = (n - 1) * blockLength;
                block[..Math.Min(blockLength, destination.Length - offset)].CopyTo(destination[offset..]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }

    /// <summary>SKEYSEED = prf(Ni | Nr, g^ir) for a new IKE SA (RFC 7296 §2.14).</summary>
    public static SecretBytes ComputeSkeySeed(
        HmacPrf prf, ReadOnlySpan<byte> nonceInitiator, ReadOnlySpan<byte> nonceResponder, ReadOnlySpan<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(prf);
        var nonces = Concat(nonceInitiator, nonceResponder);
        var skeySeed = new SecretBytes(prf.OutputLength);
        prf.Compute(nonces, sharedSecret, skeySeed.WritableSpan);
        return skeySeed;
    }

    /// <summary>
    /// SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) for an IKE SA rekeyed with CREATE_CHILD_SA (RFC 7296 §2.18).
    /// <paramref name="oldPrf"/> is the old IKE SA's PRF: the rekey exchange belongs to the old SA, so its PRF makes
    /// SKEYSEED even when the new SA negotiated a different one; the nonces are those of the rekey exchange.
    /// </summary>
    public static SecretBytes ComputeRekeySkeySeed(
        HmacPrf oldPrf,
        ReadOnlySpan<byte> oldSkD,
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> nonceInitiator,
        ReadOnlySpan<byte> nonceResponder)
    {
        ArgumentNullException.ThrowIfNull(oldPrf);
        using var hmac = oldPrf.CreateIncrementalMac(oldSkD);
        hmac.AppendData(sharedSecret);
        hmac.AppendData(nonceInitiator);
        hmac.AppendData(nonceResponder);
        var skeySeed = new SecretBytes(oldPrf.OutputLength);
        hmac.GetHashAndReset(skeySeed.WritableSpan);
        return skeySeed;
    }

    /// <summary>
    /// {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+ (SKEYSEED, Ni | Nr | SPIi | SPIr) with the new SA's
    /// PRF (RFC 7296 §2.14, and §2.18 for a rekeyed SA). SK_d, SK_pi and SK_pr take the PRF's preferred key length.
    /// </summary>
    public static IkeSaKeys ExpandIkeSaKeys(
        IkeSaSuite suite,
        ReadOnlySpan<byte> skeySeed,
        ReadOnlySpan<byte> nonceInitiator,
        ReadOnlySpan<byte> nonceResponder,
        ulong spiInitiator,
        ulong spiResponder)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var seed = new byte[nonceInitiator.Length + nonceResponder.Length + 16];
        nonceInitiator.CopyTo(seed);
        nonceResponder.CopyTo(seed.AsSpan(nonceInitiator.Length));
        BinaryPrimitives.WriteUInt64BigEndian(seed.AsSpan(nonceInitiator.Length + nonceResponder.Length), spiInitiator);
        BinaryPrimitives.WriteUInt64BigEndian(seed.AsSpan(seed.Length - 8), spiResponder);

        var material = new SecretBytes(IkeSaKeys.MaterialLength(suite));
        PrfPlus(new HmacPrf(suite.Prf), skeySeed, seed, material.WritableSpan);
        return new IkeSaKeys(suite, material);
    }

    /// <summary>The keys of a new IKE SA after IKE_SA_INIT: SKEYSEED (§2.14) then prf+; SKEYSEED is wiped.</summary>
    public static IkeSaKeys DeriveIkeSaKeys(
        IkeSaSuite suite,
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> nonceInitiator,
        ReadOnlySpan<byte> nonceResponder,
        ulong spiInitiator,
        ulong spiResponder)
    {
        ArgumentNullException.ThrowIfNull(suite);
        using var skeySeed = ComputeSkeySeed(new HmacPrf(suite.Prf), nonceInitiator, nonceResponder, sharedSecret);
        return ExpandIkeSaKeys(suite, skeySeed.Span, nonceInitiator, nonceResponder, spiInitiator, spiResponder);
    }

    /// <summary>The keys of an IKE SA rekeyed with CREATE_CHILD_SA (RFC 7296 §2.18): SKEYSEED from the old SK_d and
    /// old PRF, then prf+ with the new suite, the rekey exchange's nonces and the new SPIs; SKEYSEED is wiped.</summary>
    public static IkeSaKeys DeriveRekeyedIkeSaKeys(
        HmacPrf oldPrf,
        ReadOnlySpan<byte> oldSkD,
        IkeSaSuite newSuite,
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> nonceInitiator,
        ReadOnlySpan<byte> nonceResponder,
        ulong newSpiInitiator,
        ulong newSpiResponder)
    {
        using var skeySeed = ComputeRekeySkeySeed(oldPrf, oldSkD, sharedSecret, nonceInitiator, nonceResponder);
        return ExpandIkeSaKeys(newSuite, skeySeed.Span, nonceInitiator, nonceResponder, newSpiInitiator, newSpiResponder);
    }

    /// <summary>
    /// KEYMAT = prf+(SK_d, Ni | Nr), or prf+(SK_d, g^ir (new) | Ni | Nr) when the CREATE_CHILD_SA carried KE payloads
    /// (PFS), split into both directions' ESP keys (RFC 7296 §2.17). Pass an empty <paramref name="sharedSecret"/>
    /// without PFS. The nonces are those of the exchange that creates the CHILD_SA (IKE_SA_INIT's for the first one).
    /// </summary>
    public static ChildSaKeys DeriveChildSaKeys(
        HmacPrf prf,
        ReadOnlySpan<byte> skD,
        ChildSaSuite suite,
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> nonceInitiator,
        ReadOnlySpan<byte> nonceResponder)
    {
        ArgumentNullException.ThrowIfNull(prf);
        ArgumentNullException.ThrowIfNull(suite);
        var seed = new byte[sharedSecret.Length + nonceInitiator.Length + nonceResponder.Length];
        try
        {
            sharedSecret.CopyTo(seed);
            nonceInitiator.CopyTo(seed.AsSpan(sharedSecret.Length));
            nonceResponder.CopyTo(seed.AsSpan(sharedSecret.Length + nonceInitiator.Length));
            var keyMaterial = new SecretBytes(ChildSaKeys.MaterialLength(suite));
            PrfPlus(prf, skD, seed, keyMaterial.WritableSpan);
            return new ChildSaKeys(suite, keyMaterial);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed); // it held g^ir
        }
    }

    /// <summary>
    /// The octets an AUTH payload signs or MACs (RFC 7296 §2.15): the sender's first message as sent (RealMessage1 for
    /// the initiator, RealMessage2 for the responder), then the other side's nonce data, then
    /// prf(SK_p, RestOfIDPayload) with the sender's own key (SK_pi / SK_pr) and own ID payload body (ID Type, the three
    /// reserved octets and the identification data; no generic payload header).
    /// </summary>
    public static byte[] ComputeSignedOctets(
        HmacPrf prf,
        ReadOnlySpan<byte> realMessage,
        ReadOnlySpan<byte> peerNonce,
        ReadOnlySpan<byte> skP,
        ReadOnlySpan<byte> restOfIdPayload)
    {
        ArgumentNullException.ThrowIfNull(prf);
        var signed = new byte[realMessage.Length + peerNonce.Length + prf.OutputLength];
        realMessage.CopyTo(signed);
        peerNonce.CopyTo(signed.AsSpan(realMessage.Length));
        prf.Compute(skP, restOfIdPayload, signed.AsSpan(realMessage.Length + peerNonce.Length));
        return signed;
    }

    /// <summary>AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), &lt;SignedOctets&gt;) for PSK authentication
    /// (RFC 7296 §2.15). The intermediate key is wiped.</summary>
    public static byte[] ComputePskAuth(HmacPrf prf, ReadOnlySpan<byte> preSharedKey, ReadOnlySpan<byte> signedOctets)
    {
        ArgumentNullException.ThrowIfNull(prf);
        Span<byte> padKey = stackalloc byte[64];
        padKey = padKey[..prf.OutputLength];
        try
        {
            prf.Compute(preSharedKey, KeyPadForIkev2, padKey);
            return prf.Compute(padKey, signedOctets);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padKey);
        }
    }

    /// <summary>True when <paramref name="receivedAuth"/> is the PSK AUTH value for <paramref name="signedOctets"/>;
    /// compared in constant time.</summary>
    public static bool VerifyPskAuth(
        HmacPrf prf, ReadOnlySpan<byte> preSharedKey, ReadOnlySpan<byte> signedOctets, ReadOnlySpan<byte> receivedAuth)
    {
        var expected = ComputePskAuth(prf, preSharedKey, signedOctets);
        return CryptographicOperations.FixedTimeEquals(expected, receivedAuth);
    }

    /// <summary>Smallest nonce to send: at least 128 bits and at least half the PRF key size (RFC 7296 §2.10).</summary>
    public static int MinimumNonceLength(HmacPrf prf) => Math.Max(16, (prf.PreferredKeyLength + 1) / 2);

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result);
        second.CopyTo(result.AsSpan(first.Length));
        return result;
    }
}
