using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.KeyExchange.OpenSsl;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>
/// MODP Diffie-Hellman with OpenSSL's libcrypto through P/Invoke: BN_mod_exp_mont_consttime with a Montgomery context
/// cached per group. The exponent lives in native memory and is overwritten on Dispose (BN_clear_free).
/// </summary>
/// <remarks>Only where <see cref="IsSupported"/> (Linux with libcrypto.so.3); elsewhere use another implementation.</remarks>
public sealed class OpenSslKeyExchange : ModpKeyExchange
{
    private readonly OpenSslModpGroup _group;
    private readonly SafeBignumHandle _exponent;

    /// <summary>Starts an exchange with the given private exponent (big-endian; see <see cref="PrivateExponent"/>).</summary>
    public OpenSslKeyExchange(DhGroup group, ReadOnlySpan<byte> privateExponent)
        : base(group)
    {
        PrivateExponent.Validate(group, privateExponent);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException($"{LibCrypto.LibraryName} is not available.");
        }

        _group = OpenSslModpGroup.For(group);
        _exponent = SafeBignumHandle.FromBigEndian(privateExponent);
        var publicValue = new byte[group.PrimeLength];
        Exponentiate(_group.Generator, publicValue);
        SetPublicValue(publicValue);
    }

    /// <summary>True when libcrypto.so.3 can be loaded here.</summary>
    public static bool IsSupported => LibCrypto.IsAvailable;

    protected override void ComputeSharedSecretCore(ReadOnlySpan<byte> peerPublic, Span<byte> destination)
    {
        var peer = LibCrypto.CheckPointer(LibCrypto.BN_bin2bn(peerPublic, peerPublic.Length, 0), "BN_bin2bn");
        try
        {
            Exponentiate(peer, destination);
        }
        finally
        {
            LibCrypto.BN_free(peer);
        }
    }

    protected override void DisposeCore() => _exponent.Dispose();

    private void Exponentiate(nint @base, Span<byte> destination)
    {
        var added = false;
        try
        {
            _exponent.DangerousAddRef(ref added);
            _group.ModExp(@base, _exponent.DangerousGetHandle(), destination);
        }
        finally
        {
            if (added)
            {
                _exponent.DangerousRelease();
            }
        }
    }
}
