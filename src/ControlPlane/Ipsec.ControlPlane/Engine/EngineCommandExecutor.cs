using Ipsec.ControlPlane.Engine.Remote;

namespace Ipsec.ControlPlane.Engine;

/// <summary>Runs one command on an engine and says how it went: the one place that maps commands to
/// <see cref="IGatewayEngine"/> calls, used by the in-process channel and by the gateway agent's command processor.</summary>
public static class EngineCommandExecutor
{
    public static async Task<EngineCommandResult> ExecuteAsync(IGatewayEngine engine, EngineCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case ApplyConnectionCommand apply:
                var applied = await engine.ApplyAsync(apply.Spec, ct);
                return Result(command, applied.Accepted, applied.Detail) with { Bgp = applied.Bgp };
            case InitiateNegotiationCommand:
                var initiated = await engine.InitiateAsync(command.AccountId, command.ConnectionId, ct);
                return Result(command, initiated.Accepted, initiated.Detail);
            case RemoveConnectionCommand:
                await engine.RemoveAsync(command.AccountId, command.ConnectionId, ct);
                return Result(command, true, "removed from the gateway engine");
            case QueryConnectionCommand:
                var state = await engine.QueryAsync(command.AccountId, command.ConnectionId, ct);
                return Result(command, true, state.Loaded ? "loaded" : "not loaded") with { State = state };
            default:
                return Result(command, false, $"unknown command kind {command.Kind}");
        }
    }

    static EngineCommandResult Result(EngineCommand c, bool accepted, string detail) => new(c.CommandId, c.ReplyTo, c.Kind, accepted, detail);
}
