using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>
/// The gateway agent's side of the transport: reads its own gateway's command queue, executes each command on the
/// engine (<see cref="EngineCommandExecutor"/>) and sends the answer to the results queue. Commands are idempotent
/// (an apply with unchanged settings, a remove of an unknown connection and an initiate with an SA in place change
/// nothing), so a command executed twice — the agent died before deleting it — does no harm.
/// </summary>
public sealed partial class GatewayCommandProcessor(EngineTransportQueues queues, IGatewayEngine engine, ILogger<GatewayCommandProcessor> log)
{
    public async Task RunAsync(string vpnGatewayId, QueuePolling polling, CancellationToken ct)
    {
        var commands = await queues.CommandsAsync(vpnGatewayId, ct);
        LogReading(log, vpnGatewayId, commands.Name);
        await QueueMessagePump.RunAsync(commands, (text, token) => HandleAsync(vpnGatewayId, text, token), polling, log, ct);
    }

    /// <summary>Executes one command message and sends its answer. A malformed message is dropped (it cannot name a
    /// receiver to answer to); an engine failure is answered as a refusal with the reason.</summary>
    public async Task HandleAsync(string vpnGatewayId, string message, CancellationToken ct)
    {
        if (!EngineMessageCodec.TryDecodeCommand(message, out var command, out var error))
        {
            LogMalformed(log, vpnGatewayId, error);
            return;
        }
        EngineCommandResult result;
        if (command.VpnGatewayId != vpnGatewayId)
            result = new EngineCommandResult(command.CommandId, command.ReplyTo, command.Kind, false,
                $"command for gateway {command.VpnGatewayId} arrived at the agent of gateway {vpnGatewayId}; not executed");
        else
        {
            try { result = await EngineCommandExecutor.ExecuteAsync(engine, command, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = new EngineCommandResult(command.CommandId, command.ReplyTo, command.Kind, false, $"the gateway engine failed: {e.GetType().Name}: {e.Message}");
            }
        }
        LogExecuted(log, command.Kind, command.CommandId, command.ConnectionId, result.Accepted);
        if (command.ReplyTo.Length > 0) await queues.Results.SendMessageAsync(EngineMessageCodec.Encode(result), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway agent for {GatewayId} reading commands from {Queue}")]
    static partial void LogReading(ILogger log, string gatewayId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "malformed command for gateway {GatewayId} dropped: {Error}")]
    static partial void LogMalformed(ILogger log, string gatewayId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "engine command {Kind} {CommandId} for connection {ConnectionId} executed (accepted: {Accepted})")]
    static partial void LogExecuted(ILogger log, string kind, string commandId, string connectionId, bool accepted);
}
