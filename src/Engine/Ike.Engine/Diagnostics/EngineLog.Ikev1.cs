using Microsoft.Extensions.Logging;

namespace Ike.Engine.Diagnostics;

/// <summary>The IKEv1 engine's log lines (event ids from 100). Like the IKEv2 ones: cookies, message IDs, sizes,
/// algorithm names and addresses, never key material.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{Sa}: sending {Exchange} message {Number} M-ID {MessageId:x8} ({Bytes} bytes)")]
    public static partial void V1MessageSent(ILogger logger, string sa, string exchange, int number, uint messageId, int bytes);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "{Sa}: received {Exchange} message {Number} M-ID {MessageId:x8}")]
    public static partial void V1MessageReceived(ILogger logger, string sa, string exchange, int number, uint messageId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "{Sa}: retransmitting {Exchange} message {Number} M-ID {MessageId:x8} (try {Try})")]
    public static partial void V1Retransmitting(ILogger logger, string sa, string exchange, int number, uint messageId, int @try);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "{Sa}: retransmitted {Exchange} message, sending our last message again")]
    public static partial void V1ResendingLast(ILogger logger, string sa, string exchange);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "{Sa}: dropping {Exchange} message M-ID {MessageId:x8}: {Reason}")]
    public static partial void V1MessageDropped(ILogger logger, string sa, string exchange, uint messageId, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "{Sa}: ISAKMP SA established {Local} <-> {Remote}, {Suite}, NAT {Nat}, DPD {Dpd}")]
    public static partial void IsakmpSaEstablished(ILogger logger, string sa, string local, string remote, string suite, bool nat, bool dpd);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "{Sa}: quick mode request while phase 1 is not complete: holding it until it is")]
    public static partial void V1QuickModeHeld(ILogger logger, string sa);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "{Sa}: peer deleted {What}")]
    public static partial void V1PeerDeleted(ILogger logger, string sa, string what);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "{Sa}: DPD {Kind} sequence {Sequence}")]
    public static partial void V1Dpd(ILogger logger, string sa, string kind, uint sequence);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "{Sa}: received {Notify} notify ({Context})")]
    public static partial void V1NotifyReceived(ILogger logger, string sa, string notify, string context);
}
