namespace Ike.Encoding.V1;

/// <summary>Domain of Interpretation of SA, Notification and Delete payloads (RFC 2408 §2.1, §3.4; RFC 2407 §4.1).</summary>
public enum DomainOfInterpretation : uint
{
    /// <summary>ISAKMP generic (0): allowed in Notification and Delete payloads about the ISAKMP SA itself.</summary>
    Isakmp = 0,

    /// <summary>The Internet IP Security DOI (RFC 2407 §4.1), the one IKE (RFC 2409) negotiates in.</summary>
    Ipsec = 1,
}
