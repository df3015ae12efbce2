using Ipsec.Crypto.Secrets;

namespace Ipsec.Crypto.Kdf;

/// <summary>
/// The seven IKE SA keys {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}, in one buffer taken from prf+ in the
/// order RFC 7296 §2.14 lists them. Disposing wipes them all.
/// </summary>
public sealed class IkeSaKeys : IDisposable
{
    private readonly SecretBytes _material;
    private readonly int _prfKeyLength;
    private readonly int _integrityKeyLength;
    private readonly int _encryptionKeyLength;

    internal IkeSaKeys(IkeSaSuite suite, SecretBytes material)
    {
        Suite = suite;
        _material = material;
        _prfKeyLength = suite.Prf.PrfKeyLength;
        _integrityKeyLength = suite.Integrity.IntegrityKeyLength;
        _encryptionKeyLength = suite.Encryption.KeyLength;
    }

    /// <summary>Total bytes of prf+ output the suite needs.</summary>
    public static int MaterialLength(IkeSaSuite suite) =>
        (3 * suite.Prf.PrfKeyLength) + (2 * suite.Integrity.IntegrityKeyLength) + (2 * suite.Encryption.KeyLength);

    public IkeSaSuite Suite { get; }

    /// <summary>Keys CHILD_SAs and the next IKE SA (RFC 7296 §2.17, §2.18).</summary>
    public ReadOnlySpan<byte> SkD => Slice(0, _prfKeyLength);

    /// <summary>Integrity key for messages from the initiator.</summary>
    public ReadOnlySpan<byte> SkAi => Slice(_prfKeyLength, _integrityKeyLength);

    /// <summary>Integrity key for messages from the responder.</summary>
    public ReadOnlySpan<byte> SkAr => Slice(_prfKeyLength + _integrityKeyLength, _integrityKeyLength);

    /// <summary>Encryption key for messages from the initiator.</summary>
    public ReadOnlySpan<byte> SkEi => Slice(_prfKeyLength + (2 * _integrityKeyLength), _encryptionKeyLength);

    /// <summary>Encryption key for messages from the responder.</summary>
    public ReadOnlySpan<byte> SkEr =>
        Slice(_prfKeyLength + (2 * _integrityKeyLength) + _encryptionKeyLength, _encryptionKeyLength);

    /// <summary>Key for the initiator's MACedIDForI in AUTH (RFC 7296 §2.15).</summary>
    public ReadOnlySpan<byte> SkPi =>
        Slice(_prfKeyLength + (2 * _integrityKeyLength) + (2 * _encryptionKeyLength), _prfKeyLength);

    /// <summary>Key for the responder's MACedIDForR in AUTH (RFC 7296 §2.15).</summary>
    public ReadOnlySpan<byte> SkPr =>
        Slice((2 * _prfKeyLength) + (2 * _integrityKeyLength) + (2 * _encryptionKeyLength), _prfKeyLength);

    public void Dispose() => _material.Dispose();

    public override string ToString() => $"IkeSaKeys({Suite.Encryption}/{Suite.Prf}/{Suite.Integrity})";

    private ReadOnlySpan<byte> Slice(int offset, int length) => _material.Span.Slice(offset, length);
}
