using Ipsec.Crypto.Randomness;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// SM2 digital signatures (GB/T 32918.2-2016 §6-7) with SM3, on BouncyCastle's <see cref="SM2Signer"/>: the signed
/// value is e = SM3(Z_A || M), where Z_A binds the signer's identity and public key (§5.5, <see cref="ComputeZ"/>).
/// </summary>
/// <remarks>
/// Without an agreed identity, GM/T 0009-2012 §10 prescribes the user id "1234567812345678" (16 bytes, ENTL = 128);
/// certificates (GM/T 0015) and IKE signatures here use it. Verification of hostile bytes never throws: a malformed
/// or non-canonical signature, a wrong key and a wrong message all read false.
/// </remarks>
public static class Sm2Signature
{
    /// <summary>The default user id of GM/T 0009-2012 §10.</summary>
    public const string DefaultUserId = "1234567812345678";

    /// <summary>Longest user id: ENTL holds its length in bits in two bytes (GB/T 32918.2-2016 §5.5).</summary>
    public const int MaxUserIdLength = ushort.MaxValue / 8;

    /// <summary>The default user id as the bytes that are hashed.</summary>
    public static ReadOnlySpan<byte> DefaultUserIdBytes => "1234567812345678"u8;

    /// <summary>
    /// Z_A = SM3(ENTL_A || ID_A || a || b || x_G || y_G || x_A || y_A) (GB/T 32918.2-2016 §5.5): ENTL_A the bit
    /// length of ID_A in two bytes, every field element 32 bytes big-endian. Signing and verifying compute the same
    /// value internally; this exposes it for vectors and diagnostics.
    /// </summary>
    public static byte[] ComputeZ(Sm2PublicKey publicKey, ReadOnlySpan<byte> userId)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        CheckUserId(userId);
        var domain = publicKey.Parameters.Parameters;
        var point = publicKey.Parameters.Q.Normalize();
        var generator = domain.G.Normalize();
        var digest = new SM3Digest();
        var bitLength = userId.Length * 8;
        digest.Update((byte)(bitLength >> 8));
        digest.Update((byte)bitLength);
        digest.BlockUpdate(userId);
        foreach (var element in new[]
                 {
                     domain.Curve.A.ToBigInteger(), domain.Curve.B.ToBigInteger(),
                     generator.AffineXCoord.ToBigInteger(), generator.AffineYCoord.ToBigInteger(),
                     point.AffineXCoord.ToBigInteger(), point.AffineYCoord.ToBigInteger(),
                 })
        {
            digest.BlockUpdate(Sm2Curve.ToFixedBytes(element));
        }

        var z = new byte[Sm3Hash.HashSizeInBytes];
        digest.DoFinal(z);
        return z;
    }

    /// <summary>Signs <paramref name="message"/> with the default user id.</summary>
    public static byte[] Sign(
        Sm2PrivateKey key, ReadOnlySpan<byte> message, Sm2SignatureEncoding encoding = Sm2SignatureEncoding.Der,
        IRandomSource? random = null) =>
        Sign(key, message, DefaultUserIdBytes, encoding, random);

    /// <summary>Signs <paramref name="message"/> as <paramref name="userId"/>. The per-signature k comes from
    /// <paramref name="random"/> (the system generator by default); a fixed source reproduces the standard's
    /// examples and must never be used otherwise.</summary>
    public static byte[] Sign(
        Sm2PrivateKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> userId,
        Sm2SignatureEncoding encoding = Sm2SignatureEncoding.Der, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckUserId(userId);
        var signer = new SM2Signer(EncodingOf(encoding));
        var keyWithRandom = new ParametersWithRandom(key.Parameters, RandomSourceGenerator.SecureRandomFrom(random));
        signer.Init(true, new ParametersWithID(keyWithRandom, userId.ToArray()));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>Verifies a signature made with the default user id.</summary>
    public static bool Verify(
        Sm2PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        Sm2SignatureEncoding encoding = Sm2SignatureEncoding.Der) =>
        Verify(key, message, signature, DefaultUserIdBytes, encoding);

    /// <summary>Verifies a signature made as <paramref name="userId"/>; false for anything but a valid signature.</summary>
    public static bool Verify(
        Sm2PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> userId,
        Sm2SignatureEncoding encoding = Sm2SignatureEncoding.Der)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckUserId(userId);
        if (encoding == Sm2SignatureEncoding.Plain && signature.Length != 2 * Sm2Curve.ElementSize)
        {
            return false;
        }

        try
        {
            var verifier = new SM2Signer(EncodingOf(encoding));
            verifier.Init(false, new ParametersWithID(key.Parameters, userId.ToArray()));
            verifier.BlockUpdate(message);
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (Exception exception) when (BouncyCastleFailure.IsMalformedInput(exception))
        {
            return false;
        }
    }

    private static IDsaEncoding EncodingOf(Sm2SignatureEncoding encoding) => encoding switch
    {
        Sm2SignatureEncoding.Der => StandardDsaEncoding.Instance,
        Sm2SignatureEncoding.Plain => PlainDsaEncoding.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown SM2 signature encoding."),
    };

    private static void CheckUserId(ReadOnlySpan<byte> userId)
    {
        if (userId.Length > MaxUserIdLength)
        {
            throw new ArgumentException($"An SM2 user id is at most {MaxUserIdLength} bytes (ENTL is 16 bits).", nameof(userId));
        }
    }
}
