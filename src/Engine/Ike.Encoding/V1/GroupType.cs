namespace Ike.Encoding.V1;

/// <summary>Values of the phase 1 Group Type attribute, for groups defined in the exchange itself (RFC 2409 Appendix A).</summary>
public enum GroupType : ushort
{
    Modp = 1,
    Ecp = 2,
    Ec2n = 3,
}
