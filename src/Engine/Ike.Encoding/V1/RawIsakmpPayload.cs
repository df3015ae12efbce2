namespace Ike.Encoding.V1;

/// <summary>One payload located in a chain by its generic header, before its body is parsed.</summary>
/// <param name="Type">The type announced by the previous Next Payload field (or the header).</param>
/// <param name="HeaderOffset">Offset of the generic header in the scanned buffer.</param>
/// <param name="BodyOffset">Offset of the body (after the generic header) in the scanned buffer.</param>
/// <param name="BodyLength">Payload Length minus the 4-octet generic header.</param>
internal readonly record struct RawIsakmpPayload(IsakmpPayloadType Type, int HeaderOffset, int BodyOffset, int BodyLength);
