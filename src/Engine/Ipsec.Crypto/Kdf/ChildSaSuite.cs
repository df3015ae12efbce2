using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.Kdf;

/// <summary>The ESP transforms of a CHILD_SA that decide the KEYMAT layout (RFC 7296 §2.17).</summary>
public sealed record ChildSaSuite(EncryptionAlgorithm Encryption, AuthAlgorithm Integrity)
{
    /// <summary>Bytes of KEYMAT one direction takes: encryption key then integrity key.</summary>
    public int KeyMaterialLengthPerDirection => Encryption.KeyLength + Integrity.IntegrityKeyLength;
}
