using System.Runtime.InteropServices;

namespace Ipsec.Crypto.KeyExchange.OpenSsl;

/// <summary>
/// The few BIGNUM functions of OpenSSL 3's libcrypto (the library .NET itself uses on Linux) that MODP Diffie-Hellman
/// needs. Signatures from OpenSSL's include/openssl/bn.h; BN_ULONG is 64-bit on the 64-bit Linux targets.
/// </summary>
internal static partial class LibCrypto
{
    internal const string LibraryName = "libcrypto.so.3";

    /// <summary>BN_FLG_CONSTTIME: the exponent must not leak through timing (bn.h).</summary>
    internal const int BnFlagConstantTime = 0x04;

    private static readonly Lazy<bool> Available = new(Probe);

    /// <summary>True when libcrypto.so.3 loads and exports what we call.</summary>
    internal static bool IsAvailable => Available.Value;

    [LibraryImport(LibraryName)]
    internal static partial nint BN_CTX_new();

    [LibraryImport(LibraryName)]
    internal static partial void BN_CTX_free(nint ctx);

    [LibraryImport(LibraryName)]
    internal static partial nint BN_new();

    [LibraryImport(LibraryName)]
    internal static partial void BN_free(nint a);

    /// <summary>Frees and first overwrites the value: for anything secret.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void BN_clear_free(nint a);

    [LibraryImport(LibraryName)]
    internal static partial nint BN_bin2bn(ReadOnlySpan<byte> s, int len, nint ret);

    /// <summary>Big-endian, left-padded with zeros to <paramref name="tolen"/>; returns -1 when it does not fit.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int BN_bn2binpad(nint a, Span<byte> to, int tolen);

    [LibraryImport(LibraryName)]
    internal static partial int BN_set_word(nint a, ulong w);

    [LibraryImport(LibraryName)]
    internal static partial void BN_set_flags(nint b, int n);

    [LibraryImport(LibraryName)]
    internal static partial int BN_mod_exp_mont_consttime(nint rr, nint a, nint p, nint m, nint ctx, nint mont);

    [LibraryImport(LibraryName)]
    internal static partial nint BN_MONT_CTX_new();

    [LibraryImport(LibraryName)]
    internal static partial int BN_MONT_CTX_set(nint mont, nint mod, nint ctx);

    internal static void Check(int result, string function)
    {
        if (result <= 0)
        {
            throw new System.Security.Cryptography.CryptographicException($"OpenSSL {function} failed.");
        }
    }

    internal static nint CheckPointer(nint result, string function)
    {
        if (result == 0)
        {
            throw new System.Security.Cryptography.CryptographicException($"OpenSSL {function} failed.");
        }

        return result;
    }

    private static bool Probe()
    {
        if (!NativeLibrary.TryLoad(LibraryName, typeof(LibCrypto).Assembly, null, out var handle))
        {
            return false;
        }

        string[] exports =
        [
            "BN_CTX_new", "BN_CTX_free", "BN_new", "BN_free", "BN_clear_free", "BN_bin2bn", "BN_bn2binpad",
            "BN_set_word", "BN_set_flags", "BN_mod_exp_mont_consttime", "BN_MONT_CTX_new", "BN_MONT_CTX_set",
        ];
        return exports.All(name => NativeLibrary.TryGetExport(handle, name, out _));
    }
}
