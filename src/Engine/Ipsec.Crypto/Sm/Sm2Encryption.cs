using System.Diagnostics.CodeAnalysis;
using Ipsec.Crypto.Randomness;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// SM2 public-key encryption (GB/T 32918.4-2016 §6-7) with SM3, on BouncyCastle's <see cref="SM2Engine"/>: what
/// GM/T 0022's digital envelope uses to carry the symmetric keys Sk_i / Sk_r to the peer's encryption certificate.
/// </summary>
/// <remarks>
/// Part order: GB/T 32918.4-2016 (step A8) and GM/T 0009-2012 §7.2 write C1, C3, C2. BouncyCastle's SM2Engine
/// defaults to C1 || C2 || C3, the order of the 2010 publication, so the mode is always passed explicitly here; the
/// default output is GM/T 0009's DER form (<see cref="Sm2CiphertextFormat.Der"/>). Decryption reports every failure
/// (bad encoding, point off the curve, C3 mismatch) as the same false, so a peer learns nothing about which check
/// failed.
/// </remarks>
public static class Sm2Encryption
{
    /// <summary>C1 (65) + C3 (32): what a ciphertext adds to the plaintext in the raw formats.</summary>
    public const int RawOverhead = Sm2Curve.EncodedPointSize + Sm3Hash.HashSizeInBytes;

    /// <summary>Encrypts <paramref name="plaintext"/> (at least one byte: the KDF output must mask something,
    /// §6.1 step A5) to <paramref name="key"/>. The ephemeral k comes from <paramref name="random"/>, the system
    /// generator by default; a fixed source reproduces the standard's examples and must never be used otherwise.</summary>
    public static byte[] Encrypt(
        Sm2PublicKey key, ReadOnlySpan<byte> plaintext, Sm2CiphertextFormat format = Sm2CiphertextFormat.Der,
        IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (plaintext.IsEmpty)
        {
            throw new ArgumentException("SM2 encrypts at least one byte.", nameof(plaintext));
        }

        var engine = new SM2Engine(ModeOf(format));
        engine.Init(true, new ParametersWithRandom(key.Parameters, RandomSourceGenerator.SecureRandomFrom(random)));
        var raw = engine.ProcessBlock(plaintext);
        return format == Sm2CiphertextFormat.Der ? Sm2CipherDer.FromRaw(raw) : raw;
    }

    /// <summary>Decrypts <paramref name="ciphertext"/>; false, never an exception, for anything that is not a
    /// ciphertext for this key in <paramref name="format"/>.</summary>
    public static bool TryDecrypt(
        Sm2PrivateKey key, ReadOnlySpan<byte> ciphertext, [NotNullWhen(true)] out byte[]? plaintext,
        Sm2CiphertextFormat format = Sm2CiphertextFormat.Der)
    {
        ArgumentNullException.ThrowIfNull(key);
        plaintext = null;
        byte[] raw;
        if (format == Sm2CiphertextFormat.Der)
        {
            if (!Sm2CipherDer.TryToRaw(ciphertext, out var converted))
            {
                return false;
            }

            raw = converted;
        }
        else
        {
            raw = ciphertext.ToArray();
        }

        // C1 uncompressed, C3, and at least one byte of C2; the engine checks the point and C3.
        if (raw.Length <= RawOverhead || raw[0] != 0x04)
        {
            return false;
        }

        try
        {
            var engine = new SM2Engine(ModeOf(format));
            engine.Init(false, key.Parameters);
            plaintext = engine.ProcessBlock(raw, 0, raw.Length);
            return true;
        }
        catch (Exception exception) when (BouncyCastleFailure.IsMalformedInput(exception))
        {
            return false;
        }
    }

    private static SM2Engine.Mode ModeOf(Sm2CiphertextFormat format) => format switch
    {
        Sm2CiphertextFormat.Der or Sm2CiphertextFormat.C1C3C2 => SM2Engine.Mode.C1C3C2,
        Sm2CiphertextFormat.C1C2C3 => SM2Engine.Mode.C1C2C3,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown SM2 ciphertext format."),
    };
}
