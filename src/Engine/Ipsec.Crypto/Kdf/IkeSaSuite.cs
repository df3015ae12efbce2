using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.Kdf;

/// <summary>The transforms of an IKE SA that decide key lengths: ENCR, PRF and INTEG may differ on the wire even though
/// the product configures PRF and INTEG from one <c>ikeAuthAlg</c>.</summary>
public sealed record IkeSaSuite(EncryptionAlgorithm Encryption, AuthAlgorithm Prf, AuthAlgorithm Integrity)
{
    /// <summary>The configured suite of a connection: PRF and INTEG both from <c>ikeAuthAlg</c>.</summary>
    public static IkeSaSuite FromConfiguration(EncryptionAlgorithm encryption, AuthAlgorithm auth) => new(encryption, auth, auth);
}
