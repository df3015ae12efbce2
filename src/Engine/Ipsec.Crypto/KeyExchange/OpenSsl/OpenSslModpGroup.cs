using System.Collections.Concurrent;
using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.KeyExchange.OpenSsl;

/// <summary>
/// A group's prime, generator and Montgomery context as OpenSSL objects, built once per group and kept for the life
/// of the process (a handful of groups, a few hundred bytes each). They are only read after construction, which
/// OpenSSL allows from many threads at once.
/// </summary>
internal sealed class OpenSslModpGroup
{
    private static readonly ConcurrentDictionary<ushort, Lazy<OpenSslModpGroup>> Groups = new();

    private OpenSslModpGroup(DhGroup group)
    {
        Prime = LibCrypto.CheckPointer(LibCrypto.BN_bin2bn(group.PrimeBigEndian, group.PrimeLength, 0), "BN_bin2bn");
        Generator = LibCrypto.CheckPointer(LibCrypto.BN_new(), "BN_new");
        LibCrypto.Check(LibCrypto.BN_set_word(Generator, (ulong)group.Generator), "BN_set_word");
        Montgomery = LibCrypto.CheckPointer(LibCrypto.BN_MONT_CTX_new(), "BN_MONT_CTX_new");
        var context = LibCrypto.CheckPointer(LibCrypto.BN_CTX_new(), "BN_CTX_new");
        try
        {
            LibCrypto.Check(LibCrypto.BN_MONT_CTX_set(Montgomery, Prime, context), "BN_MONT_CTX_set");
        }
        finally
        {
            LibCrypto.BN_CTX_free(context);
        }
    }

    internal nint Prime { get; }

    internal nint Generator { get; }

    internal nint Montgomery { get; }

    internal static OpenSslModpGroup For(DhGroup group) =>
        Groups.GetOrAdd(group.Id, _ => new Lazy<OpenSslModpGroup>(() => new OpenSslModpGroup(group))).Value;

    /// <summary>rr = base^exponent mod p in constant time, written big-endian and left-padded into
    /// <paramref name="destination"/>.</summary>
    internal void ModExp(nint @base, nint exponent, Span<byte> destination)
    {
        var context = LibCrypto.CheckPointer(LibCrypto.BN_CTX_new(), "BN_CTX_new");
        var result = LibCrypto.BN_new();
        try
        {
            LibCrypto.CheckPointer(result, "BN_new");
            LibCrypto.Check(
                LibCrypto.BN_mod_exp_mont_consttime(result, @base, exponent, Prime, context, Montgomery),
                "BN_mod_exp_mont_consttime");
            LibCrypto.Check(LibCrypto.BN_bn2binpad(result, destination, destination.Length), "BN_bn2binpad");
        }
        finally
        {
            LibCrypto.BN_clear_free(result);
            LibCrypto.BN_CTX_free(context);
        }
    }
}
