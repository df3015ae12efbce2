using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>The engine steps that only send one command about a stored connection (initiate, remove): the command goes
/// to the connection's gateway, answered at once or awaited by the orchestration; the answer's detail is the outcome.</summary>
static class ConnectionCommands
{
    public delegate EngineCommand Build(string commandId, string replyTo, string vpnGatewayId, string accountId, string connectionId);

    public static async Task<EngineStep> SendAsync(ConnectionStore connections, IEngineCommandChannel engine, TaskActivityContext context,
        EngineStepInput step, Build build, string kind)
    {
        if (step.Answer is { } answer) return EngineStep.Done(answer.Detail);
        var input = step.Connection;
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null) return EngineStep.Done("connection no longer exists");
        var dispatch = await engine.DispatchAsync(build(EngineCommandIds.New(), context.InstanceId, current.Record.Settings.VpnGatewayId,
            input.AccountId, input.ConnectionId), default);
        return EngineStep.From(dispatch, a => a.Detail, kind);
    }
}
