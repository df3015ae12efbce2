namespace Ipsec.Certificates;

/// <summary>
/// The two certificates of the dual-certificate scheme (GM/T 0015-2012 certificate format; GM/T 0022 IKE): one key
/// signs, the other receives SM2-encrypted keys. Each usage has its own key and its own keyUsage bits (RFC 5280
/// §4.2.1.3), and a key of one usage must never serve the other.
/// </summary>
public enum SmCertificateUsage
{
    /// <summary>keyUsage digitalSignature: the key that signs IKE authentication data.</summary>
    Signing,

    /// <summary>keyUsage keyEncipherment and dataEncipherment: the key the peer encrypts the envelope's symmetric key
    /// to.</summary>
    Encryption,
}
