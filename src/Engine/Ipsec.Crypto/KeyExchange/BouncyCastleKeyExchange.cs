using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Utilities;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>
/// MODP Diffie-Hellman with BouncyCastle: <see cref="DHBasicAgreement"/> for the shared secret.
/// </summary>
/// <remarks>
/// The key pair is built from <see cref="PrivateExponent"/> rather than with DHKeyPairGenerator, which would draw its
/// own exponent from a SecureRandom: this way all three implementations take x from the same <c>IRandomSource</c>
/// bytes (so tests can fix it) and follow one exponent-length rule. The public value is g^x mod p, exactly what
/// the generator computes. The group parameters carry no q, so BouncyCastle does not repeat the (costly and, for
/// safe primes, unnecessary) subgroup check on top of <see cref="PeerPublicValue.Check"/>. BouncyCastle's BigInteger
/// is immutable: its copy of x can only be dropped, not wiped.
/// </remarks>
public sealed class BouncyCastleKeyExchange : ModpKeyExchange
{
    private static readonly ConcurrentDictionary<ushort, DHParameters> ParametersByGroup = new();

    private readonly DHParameters _parameters;
    private DHPrivateKeyParameters? _privateKey;

    /// <summary>Starts an exchange with the given private exponent (big-endian; see <see cref="PrivateExponent"/>).</summary>
    public BouncyCastleKeyExchange(DhGroup group, ReadOnlySpan<byte> privateExponent)
        : base(group)
    {
        PrivateExponent.Validate(group, privateExponent);
        _parameters = ParametersByGroup.GetOrAdd(group.Id, _ => new DHParameters(
            new BcBigInteger(1, group.PrimeBigEndian.ToArray()), BcBigInteger.ValueOf(group.Generator)));
        var exponentCopy = privateExponent.ToArray();
        try
        {
            _privateKey = new DHPrivateKeyParameters(new BcBigInteger(1, exponentCopy), _parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(exponentCopy);
        }

        var y = _parameters.G.ModPow(_privateKey.X, _parameters.P);
        SetPublicValue(BigIntegers.AsUnsignedByteArray(group.PrimeLength, y));
    }

    protected override void ComputeSharedSecretCore(ReadOnlySpan<byte> peerPublic, Span<byte> destination)
    {
        var privateKey = _privateKey ?? throw new ObjectDisposedException(nameof(BouncyCastleKeyExchange));
        var agreement = new DHBasicAgreement();
        agreement.Init(privateKey);
        var peer = new DHPublicKeyParameters(new BcBigInteger(1, peerPublic.ToArray()), _parameters);
        var shared = agreement.CalculateAgreement(peer);
        var bytes = BigIntegers.AsUnsignedByteArray(Group.PrimeLength, shared);
        bytes.CopyTo(destination);
        CryptographicOperations.ZeroMemory(bytes);
    }

    protected override void DisposeCore() => _privateKey = null;
}
