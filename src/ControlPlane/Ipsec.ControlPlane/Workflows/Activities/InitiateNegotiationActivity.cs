using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>Starts a negotiation by hand (POST /api/connections/{id}/negotiate). Returns at once; the outcome arrives as
/// engine events. A connection whose IKE SA already exists is left alone. With the queue transport the engine's answer
/// (started, or why not) comes back through the orchestration (<see cref="EngineSteps"/>).</summary>
public sealed class InitiateNegotiationActivity(ConnectionStore connections, IEngineCommandChannel engine) : TaskActivity<EngineStepInput, EngineStep>
{
    public override Task<EngineStep> RunAsync(TaskActivityContext context, EngineStepInput step) =>
        ConnectionCommands.SendAsync(connections, engine, context, step,
            (id, replyTo, gateway, account, connection) => new InitiateNegotiationCommand(id, replyTo, gateway, account, connection),
            EngineCommandKinds.Initiate);
}
