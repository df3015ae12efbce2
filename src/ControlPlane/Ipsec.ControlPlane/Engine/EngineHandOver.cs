using Ipsec.Domain;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;

namespace Ipsec.ControlPlane.Engine;

/// <summary>Builds the engine's view of a stored connection and sends it to the gateway's engine as an apply command
/// (used by the create/modify hand-over and by the watch loop when the engine lost the connection, e.g. after a
/// restart). The answer comes back at once (in-process engine) or later to <paramref name="replyTo"/> (gateway agent).</summary>
public sealed class EngineHandOver(GatewayStore gateways, SecretProtector secrets, IEngineCommandChannel engine)
{
    public async Task<EngineDispatch> ApplyAsync(ConnectionRecord r, string replyTo, CancellationToken ct)
    {
        string commandId = EngineCommandIds.New();
        EngineDispatch Refused(string why) => EngineDispatch.Answered(
            new EngineCommandResult(commandId, replyTo, EngineCommandKinds.Apply, false, why));
        var gateway = await gateways.GetVpnGatewayAsync(r.AccountId, r.Settings.VpnGatewayId, ct);
        var customer = await gateways.GetCustomerGatewayAsync(r.AccountId, r.Settings.CustomerGatewayId, ct);
        if (gateway is null || customer is null)
            return Refused("the VPN gateway or customer gateway no longer exists");
        // sm connections authenticate with SM2 certificates: no PSK (the gateway's engine loads its keys itself)
        string psk = r.ProtectedPsk is null ? "" : secrets.Unprotect(r.ProtectedPsk, SecretOwners.Connection(r.AccountId, r.ConnectionId));
        // Configuring is idempotent (load-or-replace with the same settings is a no-op), so replays make no second SA.
        return await engine.DispatchAsync(new ApplyConnectionCommand(commandId, replyTo, r.Settings.VpnGatewayId, r.AccountId, r.ConnectionId,
            new GatewayConnectionSpec(r.AccountId, r.ConnectionId, gateway.PublicIp, customer.IpAddress, r.Settings, psk,
            BgpPeering.From(r.Settings.BgpConfig, customer.Asn))), ct);
    }
}
