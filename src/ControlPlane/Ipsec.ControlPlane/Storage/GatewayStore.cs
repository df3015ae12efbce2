using Azure;
using Azure.Data.Tables;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Storage;

/// <summary>
/// VPN gateways and customer gateways. The partition key is the account id and every method takes it, so a read with
/// another account's id finds nothing: account isolation is enforced here, not in each handler.
/// </summary>
public sealed class GatewayStore(StorageClients storage)
{
    TableClient Vpn => storage.Table(StorageNames.VpnGatewaysTable);
    TableClient Customer => storage.Table(StorageNames.CustomerGatewaysTable);

    public Task AddVpnGatewayAsync(VpnGateway gateway, CancellationToken ct = default) =>
        Vpn.AddEntityAsync(EntityJson.ToEntity(gateway.AccountId, gateway.VpnGatewayId, gateway), ct);

    public Task<VpnGateway?> GetVpnGatewayAsync(string accountId, string id, CancellationToken ct = default) => Get<VpnGateway>(Vpn, accountId, id, ct);

    public Task<IReadOnlyList<VpnGateway>> ListVpnGatewaysAsync(string accountId, CancellationToken ct = default) => List<VpnGateway>(Vpn, accountId, ct);

    /// <summary>Once a connection on the gateway has enabled BGP the gateway keeps it on (the seed: it cannot be switched off).</summary>
    public Task MarkBgpEnabledAsync(string accountId, string id, CancellationToken ct = default) =>
        UpdateVpnGatewayAsync(accountId, id, g => g.BgpEnabled ? null : g with { BgpEnabled = true }, ct);

    /// <summary>Records that the SM signing and encryption certificates are bound to the gateway.</summary>
    public Task MarkSmCertificatesBoundAsync(string accountId, string id, CancellationToken ct = default) =>
        UpdateVpnGatewayAsync(accountId, id, g => g.SmCertificatesBound ? null : g with { SmCertificatesBound = true }, ct);

    async Task UpdateVpnGatewayAsync(string accountId, string id, Func<VpnGateway, VpnGateway?> change, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var row = await Vpn.GetEntityIfExistsAsync<TableEntity>(accountId, id, cancellationToken: ct);
            if (!row.HasValue) return;
            var next = change(EntityJson.FromEntity<VpnGateway>(row.Value!));
            if (next is null) return;
            try
            {
                await Vpn.UpdateEntityAsync(EntityJson.ToEntity(accountId, id, next), row.Value!.ETag, TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412) { }
        }
        throw new ConcurrencyConflictException($"vpn gateway {id}");
    }

    public Task AddCustomerGatewayAsync(CustomerGateway gateway, CancellationToken ct = default) =>
        Customer.AddEntityAsync(EntityJson.ToEntity(gateway.AccountId, gateway.CustomerGatewayId, gateway), ct);

    public Task<CustomerGateway?> GetCustomerGatewayAsync(string accountId, string id, CancellationToken ct = default) => Get<CustomerGateway>(Customer, accountId, id, ct);

    public Task<IReadOnlyList<CustomerGateway>> ListCustomerGatewaysAsync(string accountId, CancellationToken ct = default) => List<CustomerGateway>(Customer, accountId, ct);

    static async Task<T?> Get<T>(TableClient table, string accountId, string id, CancellationToken ct) where T : class
    {
        if (!Ids.IsWellFormed(id)) return null;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(accountId, id, cancellationToken: ct);
        return row.HasValue ? EntityJson.FromEntity<T>(row.Value!) : null;
    }

    static async Task<IReadOnlyList<T>> List<T>(TableClient table, string accountId, CancellationToken ct)
    {
        var result = new List<T>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: ct))
            result.Add(EntityJson.FromEntity<T>(e));
        return result;
    }
}
