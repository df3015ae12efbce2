namespace Ike.Encoding.V2;

/// <summary>Notify message types (RFC 7296 §3.10.1; IANA "IKEv2 Notify Message Types").</summary>
/// <remarks>
/// 0–16383 are errors, 16384–65535 status types. An unrecognised error type in a response means the
/// request failed entirely; unrecognised error types in requests and unrecognised status types anywhere
/// are ignored (§3.10.1). Values missing from 1–47 are IKEv1-only numbers reserved in IKEv2.
/// </remarks>
public enum NotifyType : ushort
{
    UnsupportedCriticalPayload = 1,
    InvalidIkeSpi = 4,
    InvalidMajorVersion = 5,
    InvalidSyntax = 7,
    InvalidMessageId = 9,
    InvalidSpi = 11,
    NoProposalChosen = 14,
    InvalidKePayload = 17,
    AuthenticationFailed = 24,
    SinglePairRequired = 34,
    NoAdditionalSas = 35,
    InternalAddressFailure = 36,
    FailedCpRequired = 37,
    TsUnacceptable = 38,
    InvalidSelectors = 39,
    UnacceptableAddresses = 40,      // RFC 4555
    UnexpectedNatDetected = 41,      // RFC 4555
    UseAssignedHoA = 42,             // RFC 5026
    TemporaryFailure = 43,           // RFC 7296 §2.25
    ChildSaNotFound = 44,            // RFC 7296 §2.25
    InvalidGroupId = 45,             // G-IKEv2
    AuthorizationFailed = 46,        // G-IKEv2
    StateNotFound = 47,              // RFC 9370

    /// <summary>First status type; every value below is an error.</summary>
    InitialContact = 16384,
    SetWindowSize = 16385,
    AdditionalTsPossible = 16386,
    IpcompSupported = 16387,
    NatDetectionSourceIp = 16388,
    NatDetectionDestinationIp = 16389,
    Cookie = 16390,
    UseTransportMode = 16391,
    HttpCertLookupSupported = 16392,
    RekeySa = 16393,
    EspTfcPaddingNotSupported = 16394,
    NonFirstFragmentsAlso = 16395,
    MobikeSupported = 16396,         // RFC 4555
    MultipleAuthSupported = 16404,   // RFC 4739
    AnotherAuthFollows = 16405,      // RFC 4739
    RedirectSupported = 16406,       // RFC 5685
    Redirect = 16407,                // RFC 5685
    RedirectedFrom = 16408,          // RFC 5685
    ChildlessIkev2Supported = 16418, // RFC 6023
    Ikev2FragmentationSupported = 16430, // RFC 7383
    SignatureHashAlgorithms = 16431, // RFC 7427
}

/// <summary>Classification of notify types by range (RFC 7296 §3.10.1).</summary>
public static class NotifyTypeRanges
{
    /// <summary>Types 0–16383 report errors; 16384 and above report status.</summary>
    public static bool IsError(this NotifyType type) => (ushort)type < (ushort)NotifyType.InitialContact;
}
