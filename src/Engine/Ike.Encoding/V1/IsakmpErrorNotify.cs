namespace Ike.Encoding.V1;

/// <summary>
/// The RFC 2408 §3.14.1 error notify that names a broken encoding rule, so the engine can answer a malformed
/// message the way STYLE.md asks ("failures answered with notifies, not crashes").
/// </summary>
public static class IsakmpErrorNotify
{
    public static IsakmpNotifyType For(IkeMalformedReason reason) => reason switch
    {
        IkeMalformedReason.DoiNotSupported => IsakmpNotifyType.DoiNotSupported,
        IkeMalformedReason.SituationNotSupported => IsakmpNotifyType.SituationNotSupported,
        IkeMalformedReason.LengthMismatch => IsakmpNotifyType.UnequalPayloadLengths,
        IkeMalformedReason.EmptySaPayload or IkeMalformedReason.TooManyProposals or IkeMalformedReason.ProposalLengthInvalid
            or IkeMalformedReason.ProposalCountMismatch or IkeMalformedReason.ProposalNumberInvalid
            or IkeMalformedReason.TooManyTransforms or IkeMalformedReason.TransformLengthInvalid
            or IkeMalformedReason.TransformCountMismatch or IkeMalformedReason.TransformAttributeTruncated
            or IkeMalformedReason.TransformAttributeFormatInvalid or IkeMalformedReason.TooManyTransformAttributes
            => IsakmpNotifyType.BadProposalSyntax,
        IkeMalformedReason.SpiSizeInvalid => IsakmpNotifyType.InvalidSpi,
        IkeMalformedReason.NotifyProtocolInvalid or IkeMalformedReason.DeleteProtocolInvalid => IsakmpNotifyType.InvalidProtocolId,
        IkeMalformedReason.KeyExchangeDataEmpty => IsakmpNotifyType.InvalidKeyInformation,
        IkeMalformedReason.IdentificationDataInvalid => IsakmpNotifyType.InvalidIdInformation,
        IkeMalformedReason.CertificateDataEmpty => IsakmpNotifyType.InvalidCertificate,
        IkeMalformedReason.HashDataEmpty => IsakmpNotifyType.InvalidHashInformation,
        IkeMalformedReason.SignatureDataEmpty => IsakmpNotifyType.InvalidSignature,
        _ => IsakmpNotifyType.PayloadMalformed,
    };
}
