namespace Ike.Encoding;

/// <summary>Why a sequence of bytes received from the network is not a valid IKE message.</summary>
/// <remarks>
/// One named reason per rule so that a test table, a log line and the INVALID_SYNTAX answer
/// (RFC 7296 §2.21.2) can all say exactly which rule the peer broke.
/// </remarks>
public enum IkeMalformedReason
{
    // IKE header, RFC 7296 §3.1.
    TruncatedHeader = 1,
    LengthMismatch,

    // Generic payload header and payload chain, RFC 7296 §3.2.
    TruncatedPayloadHeader,
    PayloadLengthTooSmall,
    PayloadPastEnd,
    TrailingBytesAfterLastPayload,
    TooManyPayloads,

    // Any payload whose fixed fields do not fit in its body.
    PayloadBodyTooShort,

    // SA payload, proposals and transforms, RFC 7296 §3.3.
    EmptySaPayload,
    TooManyProposals,
    ProposalLengthInvalid,
    ProposalCountMismatch,
    ProposalNumberInvalid,
    SpiSizeInvalid,
    TooManyTransforms,
    TransformLengthInvalid,
    TransformCountMismatch,
    TransformAttributeTruncated,
    TransformAttributeFormatInvalid,
    TooManyTransformAttributes,

    // KE, ID, CERT, CERTREQ, AUTH, Nonce, Notify, Delete, RFC 7296 §3.4–§3.11.
    KeyExchangeDataEmpty,
    IdentificationDataInvalid,
    CertificateDataEmpty,
    CertificateRequestLengthInvalid,
    AuthenticationDataEmpty,
    NonceLengthOutOfRange,
    NotifyProtocolInvalid,
    NotifyDataInvalid,
    DeleteProtocolInvalid,
    DeleteSpiCountMismatch,

    // Traffic selectors, RFC 7296 §3.13.
    TrafficSelectorCountInvalid,
    TooManyTrafficSelectors,
    TrafficSelectorTypeUnsupported,
    TrafficSelectorLengthInvalid,
    TrafficSelectorRangeInverted,

    // Configuration payload, RFC 7296 §3.15.
    ConfigurationAttributeTruncated,
    TooManyConfigurationAttributes,

    // Encrypted payload, RFC 7296 §3.14.
    EncryptedPayloadNotLast,
    NestedEncryptedPayload,
    EncryptedPayloadTooShort,
    EncryptedDataNotBlockAligned,
    PaddingInvalid,
    DecryptionFailed,
}
