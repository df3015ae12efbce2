using Microsoft.Extensions.Logging;

namespace Ike.Engine.Diagnostics;

/// <summary>Every log line of the engine, one [LoggerMessage] each (no allocations when the level is off). None takes
/// key material: SPIs, message IDs, sizes, algorithm names and addresses only.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Sa}: sending {Exchange} request #{MessageId} ({Bytes} bytes)")]
    public static partial void RequestSent(ILogger logger, string sa, string exchange, uint messageId, int bytes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Sa}: sending {Exchange} response #{MessageId} ({Bytes} bytes)")]
    public static partial void ResponseSent(ILogger logger, string sa, string exchange, uint messageId, int bytes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Sa}: retransmitting {Exchange} request #{MessageId} (try {Try})")]
    public static partial void Retransmitting(ILogger logger, string sa, string exchange, uint messageId, int @try);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Sa}: {Diagnostic}")]
    public static partial void ExchangeTimedOut(ILogger logger, string sa, string diagnostic);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "{Sa}: dropping unexpected response #{MessageId} ({Exchange})")]
    public static partial void UnexpectedResponse(ILogger logger, string sa, uint messageId, string exchange);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "{Sa}: retransmitted request #{MessageId}, sending the cached response")]
    public static partial void ResendingResponse(ILogger logger, string sa, uint messageId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "{Sa}: dropping request #{MessageId}, expected #{Expected}")]
    public static partial void UnexpectedRequest(ILogger logger, string sa, uint messageId, uint expected);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Sa}: {Diagnostic}")]
    public static partial void NegotiationFailed(ILogger logger, string sa, string diagnostic);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "{Sa}: IKE SA established {Local} <-> {Remote}, {Suite}, NAT {Nat}")]
    public static partial void IkeSaEstablished(ILogger logger, string sa, string local, string remote, string suite, bool nat);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Sa}: CHILD SA {Child} installed, {Suite}, {LocalTs} === {RemoteTs}")]
    public static partial void ChildInstalled(ILogger logger, string sa, string child, string suite, string localTs, string remoteTs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "{Sa}: CHILD SA {Child} removed ({Reason})")]
    public static partial void ChildRemoved(ILogger logger, string sa, string child, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "{Sa}: IKE SA destroyed ({Reason})")]
    public static partial void IkeSaDestroyed(ILogger logger, string sa, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "dropping datagram {Remote} -> {Local}: {Reason}")]
    public static partial void DatagramDropped(ILogger logger, string remote, string local, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "{Sa}: NAT detected (local {Local}, remote {Remote}), moving to {Endpoint}")]
    public static partial void FloatingToNatT(ILogger logger, string sa, bool local, bool remote, string endpoint);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "{Sa}: IKE SA rekeyed into {NewSa}")]
    public static partial void IkeSaRekeyed(ILogger logger, string sa, string newSa);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "{Sa}: {Detail}")]
    public static partial void Collision(ILogger logger, string sa, string detail);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information, Message = "asking {Remote} for a COOKIE: {HalfOpen} half-open IKE SAs")]
    public static partial void RequestingCookie(ILogger logger, string remote, int halfOpen);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error, Message = "engine work item failed")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 19, Level = LogLevel.Debug, Message = "{Sa}: {Detail}")]
    public static partial void Trace(ILogger logger, string sa, string detail);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "answering {Remote} with an unprotected {Notify}")]
    public static partial void UnprotectedAnswer(ILogger logger, string remote, string notify);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "replaced the COOKIE secret")]
    public static partial void CookieSecretRotated(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "{Connection}: negotiating again in {Delay} (try {Attempt})")]
    public static partial void Reinitiating(ILogger logger, string connection, TimeSpan delay, int attempt);
}
