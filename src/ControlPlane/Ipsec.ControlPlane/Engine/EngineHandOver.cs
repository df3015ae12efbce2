using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;

namespace Ipsec.ControlPlane.Engine;

/// <summary>Builds the engine's view of a stored connection and configures it in the gateway's engine (used by the
/// create/modify hand-over and by the watch loop when the engine lost the connection, e.g. after a restart).</summary>
public sealed class EngineHandOver(GatewayStore gateways, SecretProtector secrets, IGatewayEngine engine)
{
    public async Task<EngineApplyResult> ApplyAsync(ConnectionRecord r, CancellationToken ct)
    {
        var gateway = await gateways.GetVpnGatewayAsync(r.AccountId, r.Settings.VpnGatewayId, ct);
        var customer = await gateways.GetCustomerGatewayAsync(r.AccountId, r.Settings.CustomerGatewayId, ct);
        if (gateway is null || customer is null)
            return new EngineApplyResult(false, "the VPN gateway or customer gateway no longer exists");
        if (r.ProtectedPsk is null)
            return new EngineApplyResult(false, "certificate authentication (sm gateways) is not available yet");
        string psk = secrets.Unprotect(r.ProtectedPsk, SecretOwners.Connection(r.AccountId, r.ConnectionId));
        // Configuring is idempotent (load-or-replace with the same settings is a no-op), so replays make no second SA.
        return await engine.ApplyAsync(new GatewayConnectionSpec(r.AccountId, r.ConnectionId, gateway.PublicIp, customer.IpAddress, r.Settings, psk), ct);
    }
}
