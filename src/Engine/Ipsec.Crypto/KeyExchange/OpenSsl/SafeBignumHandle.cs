using System.Runtime.InteropServices;

namespace Ipsec.Crypto.KeyExchange.OpenSsl;

/// <summary>Owns a secret BIGNUM (a private exponent) and frees it with BN_clear_free, which overwrites it first.</summary>
internal sealed class SafeBignumHandle : SafeHandle
{
    private SafeBignumHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Copies a big-endian value into a new BIGNUM marked constant-time.</summary>
    internal static SafeBignumHandle FromBigEndian(ReadOnlySpan<byte> value)
    {
        var result = new SafeBignumHandle();
        result.SetHandle(LibCrypto.CheckPointer(LibCrypto.BN_bin2bn(value, value.Length, 0), "BN_bin2bn"));
        LibCrypto.BN_set_flags(result.handle, LibCrypto.BnFlagConstantTime);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.BN_clear_free(handle);
        return true;
    }
}
