namespace Ike.Encoding.V1;

/// <summary>Flags octet of the ISAKMP header (RFC 2408 §3.1).</summary>
/// <remarks>"The remaining bits of the Flags field MUST be set to 0 prior to transmission"; we ignore them on receipt.</remarks>
[Flags]
public enum IsakmpHeaderFlags : byte
{
    None = 0,

    /// <summary>E: every payload after the header is encrypted with the ISAKMP SA's cipher (RFC 2409 Appendix B).</summary>
    Encryption = 0x01,

    /// <summary>C: the sender wants a CONNECTED notify before the SA is used (RFC 2408 §3.1, §4.1).</summary>
    Commit = 0x02,

    /// <summary>A: an Informational exchange whose payloads are authenticated but not encrypted (RFC 2408 §3.1).</summary>
    AuthenticationOnly = 0x04,
}
