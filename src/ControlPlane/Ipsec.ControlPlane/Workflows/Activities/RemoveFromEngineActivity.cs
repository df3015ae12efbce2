using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>First step of a delete: the engine sends Delete notifications to the peer and removes the SAs and the
/// connection (idempotent: an unknown connection is nothing to do). With the queue transport the delete goes on once
/// the agent answered or the wait timed out; an unanswered remove stays in the gateway's queue and runs when the
/// agent reads it.</summary>
public sealed class RemoveFromEngineActivity(ConnectionStore connections, IEngineCommandChannel engine) : TaskActivity<EngineStepInput, EngineStep>
{
    public override Task<EngineStep> RunAsync(TaskActivityContext context, EngineStepInput step) =>
        ConnectionCommands.SendAsync(connections, engine, context, step,
            (id, replyTo, gateway, account, connection) => new RemoveConnectionCommand(id, replyTo, gateway, account, connection),
            EngineCommandKinds.Remove);
}
