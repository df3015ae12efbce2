using System.Diagnostics.CodeAnalysis;

namespace Ike.Encoding.V1;

/// <summary>The outcome of decoding one ISAKMP datagram: a message, or the reason there is none.</summary>
/// <remarks>
/// <see cref="Header"/> is set whenever the 28-octet header could be read, even for failures, so the engine
/// can find the SA by its cookies. <see cref="NextIv"/> is the last ciphertext block of an encrypted message:
/// the IV of the next message of the exchange (RFC 2409 Appendix B). The codec never advances the IV itself;
/// the engine adopts <see cref="NextIv"/> only after the message's HASH or signature verified, so that a forged
/// or corrupted datagram cannot desynchronise the CBC chain of a live exchange.
/// </remarks>
public sealed record IsakmpDecodeResult
{
    private IsakmpDecodeResult(IsakmpDecodeStatus status, IsakmpHeader? header)
    {
        Status = status;
        Header = header;
    }

    public IsakmpDecodeStatus Status { get; }

    public IsakmpHeader? Header { get; }

    public IsakmpMessage? Message { get; private init; }

    public IkeMalformedReason? MalformedReason { get; private init; }

    /// <summary>Offset in the datagram where the malformation was found (for encrypted messages, of the ciphertext octet).</summary>
    public int? MalformedOffset { get; private init; }

    /// <summary>The payload type behind <see cref="IsakmpDecodeStatus.InvalidPayloadType"/>.</summary>
    public IsakmpPayloadType? InvalidPayloadType { get; private init; }

    public IsakmpRuleViolation? RuleViolation { get; private init; }

    /// <summary>Last ciphertext block of an encrypted message (empty otherwise): the next IV once the engine accepts the message.</summary>
    public ReadOnlyMemory<byte> NextIv { get; private init; }

    [MemberNotNullWhen(true, nameof(Message))]
    public bool IsOk => Status == IsakmpDecodeStatus.Ok;

    /// <summary>The error notify RFC 2408 §5 names for this failure, or null when there is nothing to report.</summary>
    public IsakmpNotifyType? ErrorNotify => Status switch
    {
        IsakmpDecodeStatus.Malformed => IsakmpErrorNotify.For(MalformedReason!.Value),
        IsakmpDecodeStatus.InvalidMajorVersion => IsakmpNotifyType.InvalidMajorVersion,
        IsakmpDecodeStatus.InvalidMinorVersion => IsakmpNotifyType.InvalidMinorVersion,
        IsakmpDecodeStatus.InvalidExchangeType => IsakmpNotifyType.InvalidExchangeType,
        IsakmpDecodeStatus.InvalidPayloadType => IsakmpNotifyType.InvalidPayloadType,
        IsakmpDecodeStatus.RuleViolation => IsakmpNotifyType.PayloadMalformed,
        _ => null,
    };

    public static IsakmpDecodeResult Ok(IsakmpHeader header, IsakmpMessage message, ReadOnlyMemory<byte> nextIv) =>
        new(IsakmpDecodeStatus.Ok, header) { Message = message, NextIv = nextIv };

    public static IsakmpDecodeResult Malformed(IsakmpHeader? header, IkeMalformedReason reason, int offset, ReadOnlyMemory<byte> nextIv = default) =>
        new(IsakmpDecodeStatus.Malformed, header) { MalformedReason = reason, MalformedOffset = offset, NextIv = nextIv };

    public static IsakmpDecodeResult NeedsProtection(IsakmpHeader header) => new(IsakmpDecodeStatus.NeedsProtection, header);

    public static IsakmpDecodeResult InvalidMajorVersion(IsakmpHeader header) => new(IsakmpDecodeStatus.InvalidMajorVersion, header);

    public static IsakmpDecodeResult InvalidMinorVersion(IsakmpHeader header) => new(IsakmpDecodeStatus.InvalidMinorVersion, header);

    public static IsakmpDecodeResult InvalidExchangeType(IsakmpHeader header) => new(IsakmpDecodeStatus.InvalidExchangeType, header);

    public static IsakmpDecodeResult InvalidPayload(IsakmpHeader header, IsakmpPayloadType type, ReadOnlyMemory<byte> nextIv) =>
        new(IsakmpDecodeStatus.InvalidPayloadType, header) { InvalidPayloadType = type, NextIv = nextIv };

    public static IsakmpDecodeResult Violation(IsakmpHeader header, IsakmpMessage message, IsakmpRuleViolation violation, ReadOnlyMemory<byte> nextIv) =>
        new(IsakmpDecodeStatus.RuleViolation, header) { Message = message, RuleViolation = violation, NextIv = nextIv };

    public override string ToString() => Status switch
    {
        IsakmpDecodeStatus.Malformed => $"Malformed({MalformedReason} at {MalformedOffset})",
        IsakmpDecodeStatus.InvalidPayloadType => $"InvalidPayloadType({InvalidPayloadType})",
        IsakmpDecodeStatus.RuleViolation => $"RuleViolation({RuleViolation})",
        _ => Status.ToString(),
    };
}
