namespace Ike.Encoding.V1;

/// <summary>
/// Unit of the life duration attribute that follows it: phase 1 Life Type (RFC 2409 Appendix A) and IPsec DOI
/// SA Life Type (RFC 2407 §4.5) share the numbers.
/// </summary>
/// <remarks>
/// RFC 2409 Appendix A: "Life Type ... MUST be followed by a Life Duration" and several type/duration pairs may
/// be given (one in seconds, one in kilobytes). The duration is a Variable attribute: a TV value when it fits
/// two octets, else TLV (86400 seconds does not fit).
/// </remarks>
public enum LifeType : ushort
{
    Seconds = 1,
    Kilobytes = 2,
}
