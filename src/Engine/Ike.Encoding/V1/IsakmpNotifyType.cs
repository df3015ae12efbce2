namespace Ike.Encoding.V1;

/// <summary>Notify message types of the ISAKMP Notification payload.</summary>
/// <remarks>
/// RFC 2408 §3.14.1: errors 1–30 (31–8191 reserved, 8192–16383 private use); status types from 16384
/// (16384 CONNECTED, 24576–32767 DOI-specific, 32768–40959 private use). RFC 2407 §4.6.3 defines the IPsec
/// DOI status types; RFC 3706 §5 takes R-U-THERE and R-U-THERE-ACK from the private status range.
/// </remarks>
public enum IsakmpNotifyType : ushort
{
    InvalidPayloadType = 1,
    DoiNotSupported = 2,
    SituationNotSupported = 3,
    InvalidCookie = 4,
    InvalidMajorVersion = 5,
    InvalidMinorVersion = 6,
    InvalidExchangeType = 7,
    InvalidFlags = 8,
    InvalidMessageId = 9,
    InvalidProtocolId = 10,
    InvalidSpi = 11,
    InvalidTransformId = 12,
    AttributesNotSupported = 13,
    NoProposalChosen = 14,
    BadProposalSyntax = 15,
    PayloadMalformed = 16,
    InvalidKeyInformation = 17,
    InvalidIdInformation = 18,
    InvalidCertEncoding = 19,
    InvalidCertificate = 20,
    CertTypeUnsupported = 21,
    InvalidCertAuthority = 22,
    InvalidHashInformation = 23,
    AuthenticationFailed = 24,
    InvalidSignature = 25,
    AddressNotification = 26,
    NotifySaLifetime = 27,
    CertificateUnavailable = 28,
    UnsupportedExchangeType = 29,
    UnequalPayloadLengths = 30,

    /// <summary>RFC 2408 §3.14.1: the answer to a message with the Commit flag, once the SA is ready.</summary>
    Connected = 16384,

    /// <summary>RFC 2407 §4.6.3.1: the responder's SA lifetime is shorter than proposed; data: SA attributes.</summary>
    ResponderLifetime = 24576,

    /// <summary>RFC 2407 §4.6.3.2: whether the responder does replay detection; data: four octets.</summary>
    ReplayStatus = 24577,

    /// <summary>RFC 2407 §4.6.3.3: the sender has no other SA with the receiver; SPI: the cookie pair.</summary>
    InitialContact = 24578,

    /// <summary>RFC 3706 §5: dead peer detection request; SPI: the cookie pair, data: a four-octet sequence number.</summary>
    RUThere = 36136,

    /// <summary>RFC 3706 §5: answer to R-U-THERE, echoing its sequence number.</summary>
    RUThereAck = 36137,
}

/// <summary>Classification of ISAKMP notify types by range (RFC 2408 §3.14.1).</summary>
public static class IsakmpNotifyTypeRanges
{
    /// <summary>Types below 16384 report errors (including the 8192–16383 private errors); the rest report status.</summary>
    public static bool IsError(this IsakmpNotifyType type) => (ushort)type < (ushort)IsakmpNotifyType.Connected;
}
