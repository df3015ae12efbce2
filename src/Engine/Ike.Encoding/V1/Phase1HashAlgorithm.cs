namespace Ike.Encoding.V1;

/// <summary>Values of the phase 1 Hash Algorithm attribute (RFC 2409 Appendix A; RFC 4868 §4 adds the SHA-2 family).</summary>
public enum Phase1HashAlgorithm : ushort
{
    Md5 = 1,
    Sha1 = 2,
    Tiger = 3,
    Sha2_256 = 4,
    Sha2_384 = 5,
    Sha2_512 = 6,
}
