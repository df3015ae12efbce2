using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>
/// The control plane's side of the queue transport (the Functions app, and the local runtime with
/// <c>Engine:Transport=queues</c>): each command goes to its gateway's command queue and the call returns at once with
/// the command id. The gateway agent executes it and sends the answer to the results queue, from where
/// <see cref="EngineResultRelay"/> raises it into the sending orchestration. One command costs one queue write here.
/// </summary>
public sealed partial class QueueGatewayEngine(EngineTransportQueues queues, ILogger<QueueGatewayEngine> log) : IEngineCommandChannel
{
    /// <summary>Raised with the gateway id before a command for it is sent: the local runtime starts its in-process
    /// agent for that gateway on the first one. A deployed agent does not need it.</summary>
    public event Action<string>? GatewayAddressed;

    public async Task<EngineDispatch> DispatchAsync(EngineCommand command, CancellationToken ct)
    {
        GatewayAddressed?.Invoke(command.VpnGatewayId);
        var queue = await queues.CommandsAsync(command.VpnGatewayId, ct);
        await queue.SendMessageAsync(EngineMessageCodec.Encode(command), ct);
        // The kind and ids only: an apply's spec (with the PSK) is never logged.
        LogSent(log, command.Kind, command.CommandId, command.VpnGatewayId, command.ConnectionId);
        return EngineDispatch.Sent(command.CommandId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "engine command {Kind} {CommandId} sent to gateway {GatewayId} for connection {ConnectionId}")]
    static partial void LogSent(ILogger log, string kind, string commandId, string gatewayId, string connectionId);
}
