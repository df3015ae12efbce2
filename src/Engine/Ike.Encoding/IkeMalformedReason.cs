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

    // ISAKMP / IKEv1 additions (RFC 2408, RFC 2407, RFC 2409, RFC 3947). Appended so the values above keep their numbers.

    /// <summary>A DOI other than IPsec (1) where a DOI-specific format follows (RFC 2408 §3.4, §3.14, §3.15; answer DOI-NOT-SUPPORTED).</summary>
    DoiNotSupported,

    /// <summary>An IPsec DOI situation other than SIT_IDENTITY_ONLY (RFC 2407 §4.2; answer SITUATION-NOT-SUPPORTED).</summary>
    SituationNotSupported,

    /// <summary>An empty Hash payload (RFC 2408 §3.11).</summary>
    HashDataEmpty,

    /// <summary>An empty Signature payload (RFC 2408 §3.12).</summary>
    SignatureDataEmpty,

    /// <summary>An empty NAT-D hash (RFC 3947 §3.2).</summary>
    NatDiscoveryDataEmpty,

    /// <summary>A NAT-OA whose ID type or address length is not IPv4/IPv6 (RFC 3947 §5.1).</summary>
    NatOriginalAddressInvalid,

    // RFC 7427 §3 Digital Signature authentication data. Appended so the values above keep their numbers.

    /// <summary>The AlgorithmIdentifier of a method-14 AUTH is missing, overruns the data, or is not a DER SEQUENCE
    /// (RFC 7427 §3).</summary>
    SignatureAlgorithmIdentifierInvalid,

    /// <summary>A method-14 AUTH with no signature value after its AlgorithmIdentifier (RFC 7427 §3).</summary>
    SignatureValueEmpty,

    /// <summary>A GM/T 0022 enveloped Nonce or Identification payload with no ciphertext.</summary>
    EnvelopedBodyEmpty,
}
