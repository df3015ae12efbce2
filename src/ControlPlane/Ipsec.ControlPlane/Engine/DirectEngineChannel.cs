using Ipsec.ControlPlane.Engine.Remote;

namespace Ipsec.ControlPlane.Engine;

/// <summary>The local runtime's default channel: executes each command on the in-process engine and answers at once.
/// Failures propagate, so the activity's retry policy applies as it does to any other I/O.</summary>
public sealed class DirectEngineChannel(IGatewayEngine engine) : IEngineCommandChannel
{
    public async Task<EngineDispatch> DispatchAsync(EngineCommand command, CancellationToken ct) =>
        EngineDispatch.Answered(await EngineCommandExecutor.ExecuteAsync(engine, command, ct));
}
