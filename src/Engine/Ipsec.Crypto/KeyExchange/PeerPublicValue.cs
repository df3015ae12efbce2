using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>The checks every implementation applies to the peer's public value before exponentiating.</summary>
/// <remarks>
/// Only the range check of RFC 6989 §2.1 is done, not the full subgroup check (y^q = 1): every group here is a safe-prime
/// group, where the range check already excludes the small subgroup {1, p-1}, and a fresh exponent per exchange means a
/// peer learns nothing from a value outside the prime-order subgroup (RFC 6989 §2).
/// </remarks>
public static class PeerPublicValue
{
    /// <summary>Returns <see cref="KeyExchangeFailure.None"/> when <paramref name="value"/> may be used.</summary>
    public static KeyExchangeFailure Check(DhGroup group, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (value.Length != group.PrimeLength)
        {
            return KeyExchangeFailure.WrongLength;
        }

        // Both are big-endian of the same length, so byte order is numeric order.
        if (IsZeroOrOne(value) || value.SequenceCompareTo(group.PrimeMinusOneBigEndian) >= 0)
        {
            return KeyExchangeFailure.OutOfRange;
        }

        return KeyExchangeFailure.None;
    }

    private static bool IsZeroOrOne(ReadOnlySpan<byte> value) =>
        !value[..^1].ContainsAnyExcept((byte)0) && value[^1] <= 1;
}
