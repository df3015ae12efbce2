namespace Ike.Encoding.V1;

/// <summary>Values of the phase 1 Encryption Algorithm attribute (RFC 2409 Appendix A; IANA "IPSEC Encryption Algorithm").</summary>
/// <remarks>Which of these we implement and with what key sizes is Ipsec.Crypto's AlgorithmCatalog's business.</remarks>
public enum Phase1EncryptionAlgorithm : ushort
{
    DesCbc = 1,
    IdeaCbc = 2,
    BlowfishCbc = 3,
    Rc5R16B64Cbc = 4,
    TripleDesCbc = 5,
    CastCbc = 6,

    /// <summary>RFC 3602 §5 (with the Key Length attribute).</summary>
    AesCbc = 7,

    /// <summary>RFC 4312 §3.</summary>
    CamelliaCbc = 8,
}
