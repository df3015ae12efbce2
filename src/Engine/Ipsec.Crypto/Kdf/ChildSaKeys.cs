using Ipsec.Crypto.Secrets;

namespace Ipsec.Crypto.Kdf;

/// <summary>
/// KEYMAT of one ESP CHILD_SA pair, split per RFC 7296 §2.17: all keys for the initiator-to-responder SA first, then
/// the responder-to-initiator SA; within each, the encryption key before the integrity key (RFC 4301 order).
/// Disposing wipes them.
/// </summary>
public sealed class ChildSaKeys : IDisposable
{
    private readonly SecretBytes _keyMaterial;

    internal ChildSaKeys(ChildSaSuite suite, SecretBytes keyMaterial)
    {
        Suite = suite;
        _keyMaterial = keyMaterial;
    }

    /// <summary>Total bytes of KEYMAT the suite needs (both directions).</summary>
    public static int MaterialLength(ChildSaSuite suite) => 2 * suite.KeyMaterialLengthPerDirection;

    public ChildSaSuite Suite { get; }

    /// <summary>Encryption key of the SA carrying traffic from initiator to responder.</summary>
    public ReadOnlySpan<byte> InitiatorToResponderEncryptionKey => Slice(0, Suite.Encryption.KeyLength);

    /// <summary>Integrity key of the SA carrying traffic from initiator to responder.</summary>
    public ReadOnlySpan<byte> InitiatorToResponderIntegrityKey =>
        Slice(Suite.Encryption.KeyLength, Suite.Integrity.IntegrityKeyLength);

    /// <summary>Encryption key of the SA carrying traffic from responder to initiator.</summary>
    public ReadOnlySpan<byte> ResponderToInitiatorEncryptionKey =>
        Slice(Suite.KeyMaterialLengthPerDirection, Suite.Encryption.KeyLength);

    /// <summary>Integrity key of the SA carrying traffic from responder to initiator.</summary>
    public ReadOnlySpan<byte> ResponderToInitiatorIntegrityKey =>
        Slice(Suite.KeyMaterialLengthPerDirection + Suite.Encryption.KeyLength, Suite.Integrity.IntegrityKeyLength);

    public void Dispose() => _keyMaterial.Dispose();

    public override string ToString() => $"ChildSaKeys({Suite.Encryption}/{Suite.Integrity})";

    private ReadOnlySpan<byte> Slice(int offset, int length) => _keyMaterial.Span.Slice(offset, length);
}
