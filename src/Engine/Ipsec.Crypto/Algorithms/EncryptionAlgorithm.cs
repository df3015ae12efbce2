namespace Ipsec.Crypto.Algorithms;

/// <summary>
/// One encryption choice of the product (<c>ikeEncAlg</c> / <c>ipsecEncAlg</c>) with every identifier it has on the wire.
/// Instances live only in <see cref="AlgorithmCatalog"/>.
/// </summary>
/// <param name="ApiName">The product's API value, e.g. <c>aes256</c>.</param>
/// <param name="ShortName">The name strongSwan and engineers use in diagnostics, e.g. <c>aes128</c> for <c>aes</c>.</param>
/// <param name="KeyLength">Key length in bytes (the length taken from KEYMAT, RFC 7296 §2.17).</param>
/// <param name="BlockSize">Cipher block size in bytes; ESP pads the plaintext to a multiple of it (RFC 4303 §2.4).</param>
/// <param name="IvLength">Explicit IV carried in each ESP packet and IKEv2 Encrypted payload (RFC 3602 §3, RFC 2451 §3).</param>
/// <param name="Ikev2TransformId">IKEv2 Transform Type 1 (ENCR) id, IANA "Transform Type 1".</param>
/// <param name="Ikev2KeyLengthBits">Value of the IKEv2 Key Length attribute (type 14), or null when the transform has a
/// fixed key length and the attribute must be absent (RFC 7296 §3.3.5).</param>
/// <param name="Ikev1Phase1Value">IKEv1 phase 1 "Encryption Algorithm" attribute (class 1) value, RFC 2409 Appendix A.</param>
/// <param name="Ikev1EspTransformId">IKEv1 ESP transform id, IPsec DOI (RFC 2407 §4.4.4).</param>
/// <param name="Ikev1KeyLengthBits">Value of the IKEv1 Key Length attribute (phase 1 class 14, ESP class 6); RFC 3602 §5
/// makes it mandatory for AES; null for fixed-length ciphers.</param>
public sealed record EncryptionAlgorithm(
    string ApiName,
    string ShortName,
    CipherFamily Family,
    int KeyLength,
    int BlockSize,
    int IvLength,
    ushort Ikev2TransformId,
    int? Ikev2KeyLengthBits,
    ushort Ikev1Phase1Value,
    byte Ikev1EspTransformId,
    int? Ikev1KeyLengthBits)
{
    public override string ToString() => ApiName;
}
