using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace Ipsec.Crypto.Randomness;

/// <summary>
/// Feeds BouncyCastle from an <see cref="IRandomSource"/>, so the SM2 nonce k, SM2 keys and PKCS#8 salts come from
/// the same seam as our nonces and exponents, and tests can fix them (the GB/T 32918 examples give k).
/// </summary>
internal sealed class RandomSourceGenerator(IRandomSource source) : IRandomGenerator
{
    /// <summary>A <see cref="SecureRandom"/> drawing from <paramref name="source"/>, or from the system generator.</summary>
    public static SecureRandom SecureRandomFrom(IRandomSource? source) =>
        new(new RandomSourceGenerator(source ?? SystemRandomSource.Instance));

    // The source is its own entropy; BouncyCastle's seeding calls have nothing to add to it.
    public void AddSeedMaterial(byte[] seed)
    {
    }

    public void AddSeedMaterial(ReadOnlySpan<byte> seed)
    {
    }

    public void AddSeedMaterial(long seed)
    {
    }

    public void NextBytes(byte[] bytes) => source.Fill(bytes);

    public void NextBytes(byte[] bytes, int start, int len) => source.Fill(bytes.AsSpan(start, len));

    public void NextBytes(Span<byte> bytes) => source.Fill(bytes);
}
