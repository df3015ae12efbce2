using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Randomness;
using Ipsec.Crypto.Secrets;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>Draws the private exponent x for every implementation, so all three take the same x from the same bytes.</summary>
public static class PrivateExponent
{
    /// <summary>
    /// A uniformly random x with 2 ≤ x &lt; 2^<see cref="DhGroup.PrivateExponentBits"/>, big-endian. A short exponent is
    /// safe because every group here has a safe prime (see <see cref="DhGroup"/>); x = 0 and 1 are redrawn because they
    /// would make the public value 1 or g.
    /// </summary>
    public static SecretBytes Generate(DhGroup group, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(random);
        var length = (group.PrivateExponentBits + 7) / 8;
        var excessBits = (length * 8) - group.PrivateExponentBits;
        var exponent = new SecretBytes(length);
        do
        {
            random.Fill(exponent.WritableSpan);
            exponent.WritableSpan[0] &= (byte)(0xFF >> excessBits);
        }
        while (IsBelowTwo(exponent.Span));

        return exponent;
    }

    internal static void Validate(DhGroup group, ReadOnlySpan<byte> exponent)
    {
        if (exponent.Length == 0 || exponent.Length > group.PrimeLength || IsBelowTwo(exponent))
        {
            throw new ArgumentException("A private exponent must be at least 2 and no longer than the prime.", nameof(exponent));
        }
    }

    private static bool IsBelowTwo(ReadOnlySpan<byte> value) => !value[..^1].ContainsAnyExcept((byte)0) && value[^1] < 2;
}
