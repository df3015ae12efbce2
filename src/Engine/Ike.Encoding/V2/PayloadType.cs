namespace Ike.Encoding.V2;

/// <summary>IKEv2 payload types (RFC 7296 §3.2; IANA "IKEv2 Payload Types").</summary>
public enum PayloadType : byte
{
    /// <summary>"No Next Payload": ends a payload chain.</summary>
    None = 0,
    SecurityAssociation = 33,
    KeyExchange = 34,
    IdentificationInitiator = 35,
    IdentificationResponder = 36,
    Certificate = 37,
    CertificateRequest = 38,
    Authentication = 39,
    Nonce = 40,
    Notify = 41,
    Delete = 42,
    VendorId = 43,
    TrafficSelectorInitiator = 44,
    TrafficSelectorResponder = 45,
    Encrypted = 46,
    Configuration = 47,
    ExtensibleAuthentication = 48,

    /// <summary>
    /// Encrypted and Authenticated Fragment (RFC 7383). Listed so logs name it; this codec does not
    /// reassemble fragments and we never announce IKEV2_FRAGMENTATION_SUPPORTED, so it is decoded as
    /// an unknown payload.
    /// </summary>
    EncryptedFragment = 53,
}
