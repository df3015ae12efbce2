using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Secrets;

namespace Ipsec.Crypto.Kdf;

/// <summary>
/// The keys of one IKEv1 ISAKMP SA (RFC 2409 §5): SKEYID and the three keys derived from it, plus the phase 1 cipher
/// key taken from SKEYID_e (expanded by Appendix B when the PRF output is shorter than the cipher key). Made only by
/// <see cref="KeyMaterialV1.DeriveIsakmpSaKeys"/>; disposing wipes all five.
/// </summary>
public sealed class IsakmpSaKeys : IDisposable
{
    private readonly SecretBytes _skeyid;
    private readonly SecretBytes _skeyidD;
    private readonly SecretBytes _skeyidA;
    private readonly SecretBytes _skeyidE;
    private readonly SecretBytes _encryptionKey;

    internal IsakmpSaKeys(AuthAlgorithm prf, EncryptionAlgorithm encryption, SecretBytes skeyid, SecretBytes skeyidD, SecretBytes skeyidA,
        SecretBytes skeyidE, SecretBytes encryptionKey)
    {
        Prf = prf;
        Encryption = encryption;
        _skeyid = skeyid;
        _skeyidD = skeyidD;
        _skeyidA = skeyidA;
        _skeyidE = skeyidE;
        _encryptionKey = encryptionKey;
    }

    /// <summary>The negotiated hash, used as HMAC PRF for every key here (RFC 2409 §5: "the HMAC version of the
    /// negotiated hash algorithm is used as the pseudo-random function").</summary>
    public AuthAlgorithm Prf { get; }

    public EncryptionAlgorithm Encryption { get; }

    /// <summary>SKEYID: keys HASH_I and HASH_R.</summary>
    public ReadOnlySpan<byte> SkeyId => _skeyid.Span;

    /// <summary>SKEYID_d: keys the IPsec SAs' KEYMAT (RFC 2409 §5.5).</summary>
    public ReadOnlySpan<byte> SkeyIdD => _skeyidD.Span;

    /// <summary>SKEYID_a: keys quick mode and informational hashes (§5.5, §5.7).</summary>
    public ReadOnlySpan<byte> SkeyIdA => _skeyidA.Span;

    /// <summary>SKEYID_e: the source of the phase 1 cipher key.</summary>
    public ReadOnlySpan<byte> SkeyIdE => _skeyidE.Span;

    /// <summary>The phase 1 cipher key, exactly <see cref="EncryptionAlgorithm.KeyLength"/> octets (Appendix B).</summary>
    public ReadOnlySpan<byte> EncryptionKey => _encryptionKey.Span;

    public void Dispose()
    {
        _skeyid.Dispose();
        _skeyidD.Dispose();
        _skeyidA.Dispose();
        _skeyidE.Dispose();
        _encryptionKey.Dispose();
    }

    public override string ToString() => $"IsakmpSaKeys({Encryption}/{Prf})";
}
