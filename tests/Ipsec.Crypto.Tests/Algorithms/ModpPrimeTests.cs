using System.Numerics;
using System.Runtime.InteropServices;
using Ipsec.Crypto.Algorithms;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Ipsec.Crypto.Tests.Algorithms;

/// <summary>
/// The hex primes in <see cref="AlgorithmCatalog"/> checked three independent ways: against the defining formula of
/// RFC 2409 §6 / RFC 3526 (p = 2^n - 2^(n-64) - 1 + 2^64 * { [2^(n-130) pi] + k }), against OpenSSL's built-in copies,
/// and as safe primes.
/// </summary>
public partial class ModpPrimeTests
{
    public static TheoryData<string, int, int> Groups => new()
    {
        { "group1", 768, 149686 },
        { "group2", 1024, 129093 },
        { "group5", 1536, 741804 },
        { "group14", 2048, 124476 },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Prime_matches_the_rfc_formula(string api, int bits, int k)
    {
        var group = AlgorithmCatalog.FindDhGroup(api)!;
        var piBits = FloorPiTimesPowerOfTwo(bits - 130);
        var expected = BigInteger.Pow(2, bits) - BigInteger.Pow(2, bits - 64) - 1 + (BigInteger.Pow(2, 64) * (piBits + k));

        Assert.Equal(expected, group.Prime);
        Assert.Equal(expected - 1, new BigInteger(group.PrimeMinusOneBigEndian, isUnsigned: true, isBigEndian: true));
    }

    [Theory]
    [InlineData("group1", "BN_get_rfc2409_prime_768")]
    [InlineData("group2", "BN_get_rfc2409_prime_1024")]
    [InlineData("group5", "BN_get_rfc3526_prime_1536")]
    [InlineData("group14", "BN_get_rfc3526_prime_2048")]
    public void Prime_matches_openssl_builtin_copy(string api, string opensslFunction)
    {
        var group = AlgorithmCatalog.FindDhGroup(api)!;
        var library = NativeLibrary.Load("libcrypto.so.3");
        var getPrime = Marshal.GetDelegateForFunctionPointer<BnGetter>(NativeLibrary.GetExport(library, opensslFunction));
        var bignum = getPrime(0);
        try
        {
            var bytes = new byte[group.PrimeLength];
            Assert.Equal(bytes.Length, BN_bn2binpad(bignum, bytes, bytes.Length));
            Assert.Equal(group.PrimeBigEndian.ToArray(), bytes);
        }
        finally
        {
            BN_free(bignum);
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Prime_is_a_safe_prime(string api, int bits, int k)
    {
        _ = (bits, k);
        var p = new BcBigInteger(1, AlgorithmCatalog.FindDhGroup(api)!.PrimeBigEndian.ToArray());

        Assert.True(p.IsProbablePrime(40));
        Assert.True(p.ShiftRight(1).IsProbablePrime(40));
    }

    /// <summary>floor(2^bits * pi) by Machin's formula, pi = 16 atan(1/5) - 4 atan(1/239), with 64 guard bits.</summary>
    private static BigInteger FloorPiTimesPowerOfTwo(int bits)
    {
        var scale = BigInteger.One << (bits + 64);
        return ((16 * ArctanOfInverse(5, scale)) - (4 * ArctanOfInverse(239, scale))) >> 64;
    }

    private static BigInteger ArctanOfInverse(int x, BigInteger scale)
    {
        var total = BigInteger.Zero;
        var term = scale / x;
        var xSquared = x * x;
        for (var n = 1; !term.IsZero; n += 2)
        {
            total += (n % 4 == 1 ? 1 : -1) * (term / n);
            term /= xSquared;
        }

        return total;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint BnGetter(nint bn);

    [LibraryImport("libcrypto.so.3")]
    private static partial int BN_bn2binpad(nint a, Span<byte> to, int tolen);

    [LibraryImport("libcrypto.so.3")]
    private static partial void BN_free(nint a);
}
