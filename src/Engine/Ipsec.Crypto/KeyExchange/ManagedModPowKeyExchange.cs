using System.Numerics;
using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>
/// MODP Diffie-Hellman with <see cref="BigInteger.ModPow"/>: no native dependency, the reference the others are
/// checked against.
/// </summary>
/// <remarks>
/// Two limits keep it off the default path: <see cref="BigInteger.ModPow"/> is not constant-time, and a
/// <see cref="BigInteger"/> is immutable, so the copy of x it holds cannot be wiped (only dropped).
/// </remarks>
public sealed class ManagedModPowKeyExchange : ModpKeyExchange
{
    private BigInteger _exponent;

    /// <summary>Starts an exchange with the given private exponent (big-endian; see <see cref="PrivateExponent"/>).</summary>
    public ManagedModPowKeyExchange(DhGroup group, ReadOnlySpan<byte> privateExponent)
        : base(group)
    {
        PrivateExponent.Validate(group, privateExponent);
        _exponent = new BigInteger(privateExponent, isUnsigned: true, isBigEndian: true);
        var publicValue = new byte[group.PrimeLength];
        WriteLeftPadded(BigInteger.ModPow(group.Generator, _exponent, group.Prime), publicValue);
        SetPublicValue(publicValue);
    }

    protected override void ComputeSharedSecretCore(ReadOnlySpan<byte> peerPublic, Span<byte> destination)
    {
        var peer = new BigInteger(peerPublic, isUnsigned: true, isBigEndian: true);
        WriteLeftPadded(BigInteger.ModPow(peer, _exponent, Group.Prime), destination);
    }

    protected override void DisposeCore() => _exponent = BigInteger.Zero;

    private static void WriteLeftPadded(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        var length = value.GetByteCount(isUnsigned: true);
        if (!value.TryWriteBytes(destination[^length..], out _, isUnsigned: true, isBigEndian: true))
        {
            throw new CryptographicException("Value longer than the prime.");
        }
    }
}
