using System.Diagnostics.CodeAnalysis;

namespace Ike.Encoding.V2;

/// <summary>The outcome of decoding one datagram: a message, or the reason there is none.</summary>
/// <remarks>
/// <see cref="Header"/> is set whenever the 28-octet header could be read, even for failures, so the engine
/// can find the SA and Message ID to answer with a notify (e.g. INVALID_MAJOR_VERSION, INVALID_SYNTAX).
/// </remarks>
public sealed record DecodeResult
{
    private DecodeResult(DecodeStatus status, IkeHeader? header)
    {
        Status = status;
        Header = header;
    }

    public DecodeStatus Status { get; }

    public IkeHeader? Header { get; }

    public IkeMessage? Message { get; private init; }

    public IkeMalformedReason? MalformedReason { get; private init; }

    /// <summary>Offset in the datagram where the malformation was found (inside SK: the offset of the ciphertext octet).</summary>
    public int? MalformedOffset { get; private init; }

    public PayloadType? UnsupportedPayloadType { get; private init; }

    public MessageRuleViolation? RuleViolation { get; private init; }

    [MemberNotNullWhen(true, nameof(Message))]
    public bool IsOk => Status == DecodeStatus.Ok;

    public static DecodeResult Ok(IkeHeader header, IkeMessage message) =>
        new(DecodeStatus.Ok, header) { Message = message };

    public static DecodeResult Malformed(IkeHeader? header, IkeMalformedReason reason, int offset) =>
        new(DecodeStatus.Malformed, header) { MalformedReason = reason, MalformedOffset = offset };

    public static DecodeResult UnsupportedCritical(IkeHeader header, PayloadType type) =>
        new(DecodeStatus.UnsupportedCriticalPayload, header) { UnsupportedPayloadType = type };

    public static DecodeResult IntegrityCheckFailed(IkeHeader header) => new(DecodeStatus.IntegrityCheckFailed, header);

    public static DecodeResult NeedsProtection(IkeHeader header) => new(DecodeStatus.NeedsProtection, header);

    public static DecodeResult InvalidMajorVersion(IkeHeader header) => new(DecodeStatus.InvalidMajorVersion, header);

    public static DecodeResult Violation(IkeHeader header, IkeMessage message, MessageRuleViolation violation) =>
        new(DecodeStatus.RuleViolation, header) { Message = message, RuleViolation = violation };

    public override string ToString() => Status switch
    {
        DecodeStatus.Malformed => $"Malformed({MalformedReason} at {MalformedOffset})",
        DecodeStatus.UnsupportedCriticalPayload => $"UnsupportedCriticalPayload({UnsupportedPayloadType})",
        DecodeStatus.RuleViolation => $"RuleViolation({RuleViolation})",
        _ => Status.ToString(),
    };
}
