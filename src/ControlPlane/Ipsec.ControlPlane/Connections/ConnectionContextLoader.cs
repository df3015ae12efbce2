using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Connections;

/// <summary>Loads what the validation rules need to know about the caller's account and gateways. Everything is read
/// through the account's own partition, so another account's gateway simply does not resolve.</summary>
public sealed class ConnectionContextLoader(AccountStore accounts, GatewayStore gateways, ConnectionStore connections)
{
    public async Task<ConnectionContext> LoadAsync(string accountId, string? vpnGatewayId, string? customerGatewayId,
        string? excludeConnectionId, CancellationToken ct)
    {
        var account = await accounts.GetAsync(accountId, ct);
        var gateway = vpnGatewayId is null ? null : await gateways.GetVpnGatewayAsync(accountId, vpnGatewayId, ct);
        var customer = customerGatewayId is null ? null : await gateways.GetCustomerGatewayAsync(accountId, customerGatewayId, ct);
        IReadOnlyList<ConnectionSettings> others = gateway is null ? [] :
            (await connections.ListAsync(accountId, gateway.VpnGatewayId, ct))
                .Where(c => c.ConnectionId != excludeConnectionId).Select(c => c.Settings).ToList();
        return new ConnectionContext(account, gateway, customer, others);
    }
}
