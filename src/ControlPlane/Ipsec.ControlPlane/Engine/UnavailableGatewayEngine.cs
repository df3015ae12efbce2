namespace Ipsec.ControlPlane.Engine;

/// <summary>
/// The Functions app's engine port until the gateway-agent command transport (storage queues) exists: it says plainly
/// that negotiation is not available, so a connection stays <c>ike_sa_not_established</c> with that reason.
/// </summary>
public sealed class UnavailableGatewayEngine : IGatewayEngine
{
    public const string Reason =
        "negotiation not available yet: this host has no gateway engine (the command transport to gateway agents is not built yet)";

    public Task<EngineApplyResult> ApplyAsync(GatewayConnectionSpec spec, CancellationToken ct) => Task.FromResult(new EngineApplyResult(false, Reason));
    public Task<EngineApplyResult> InitiateAsync(string accountId, string connectionId, CancellationToken ct) => Task.FromResult(new EngineApplyResult(false, Reason));
    public Task RemoveAsync(string accountId, string connectionId, CancellationToken ct) => Task.CompletedTask;
    public Task<EngineConnectionState> QueryAsync(string accountId, string connectionId, CancellationToken ct) =>
        Task.FromResult(new EngineConnectionState(false, false, false, null, null, null));
}
