namespace Ike.Encoding;

/// <summary>
/// Caps on how many elements a decoder accepts, so that a hostile datagram cannot make us allocate or loop
/// far beyond what any real peer sends.
/// </summary>
/// <remarks>
/// Every count is also bounded by the bytes present (each element has a minimum size), so these caps limit
/// object count and CPU, not memory proportional to a length field. The values leave room for strongSwan's
/// "default" proposal (one IKE proposal with about 30 transforms) and for large traffic selector lists.
/// </remarks>
public static class CodecLimits
{
    /// <summary>Payloads in one message, outside and inside SK together.</summary>
    public const int MaxPayloadsPerMessage = 64;

    public const int MaxProposalsPerSa = 32;

    public const int MaxTransformsPerProposal = 64;

    public const int MaxAttributesPerTransform = 8;

    public const int MaxTrafficSelectorsPerPayload = 32;

    public const int MaxConfigurationAttributes = 64;

    /// <summary>
    /// Data attributes in one ISAKMP transform (RFC 2408 §3.6). IKEv1 carries the whole suite as attributes of one
    /// transform (a phase 1 transform with life time in seconds and kilobytes has nine), so the IKEv2 cap of
    /// <see cref="MaxAttributesPerTransform"/> is too small for it.
    /// </summary>
    public const int MaxDataAttributesPerTransform = 32;
}
