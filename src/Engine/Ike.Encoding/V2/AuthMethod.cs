namespace Ike.Encoding.V2;

/// <summary>Authentication methods of the AUTH payload (RFC 7296 §3.8; RFC 7427 §3 adds 14).</summary>
public enum AuthMethod : byte
{
    RsaDigitalSignature = 1,
    SharedKeyMessageIntegrityCode = 2,
    DssDigitalSignature = 3,
    DigitalSignature = 14,
}
