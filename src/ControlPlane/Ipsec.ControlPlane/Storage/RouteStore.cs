using Azure;
using Azure.Data.Tables;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Storage;

/// <summary>The gateways' route tables (policy routes and destination routes), partitioned by account.</summary>
public sealed class RouteStore(StorageClients storage)
{
    TableClient Table => storage.Table(StorageNames.RoutesTable);

    static string PolicyKey(string gatewayId, string routeId) => $"policy:{gatewayId}:{routeId}";
    static string DestinationKey(string gatewayId, string routeId) => $"dest:{gatewayId}:{routeId}";

    public async Task<IReadOnlyList<PolicyRoute>> ListPolicyRoutesAsync(string accountId, string gatewayId, CancellationToken ct = default)
    {
        var result = new List<PolicyRoute>();
        await foreach (var e in Table.QueryAsync<TableEntity>(EntityJson.PrefixFilter(accountId, $"policy:{gatewayId}:"), cancellationToken: ct))
            result.Add(EntityJson.FromEntity<PolicyRoute>(e));
        return result;
    }

    public async Task<IReadOnlyList<DestinationRoute>> ListDestinationRoutesAsync(string accountId, string gatewayId, CancellationToken ct = default)
    {
        var result = new List<DestinationRoute>();
        await foreach (var e in Table.QueryAsync<TableEntity>(EntityJson.PrefixFilter(accountId, $"dest:{gatewayId}:"), cancellationToken: ct))
            result.Add(EntityJson.FromEntity<DestinationRoute>(e));
        return result;
    }

    /// <summary>
    /// Makes the connection's policy routes exactly <paramref name="wanted"/>: adds the missing ones (unpublished), removes
    /// the ones no longer wanted, and leaves existing ones alone so a route the user already published stays published.
    /// Idempotent: the ids are deterministic, so running it twice changes nothing the second time.
    /// </summary>
    public async Task<(int Added, int Removed)> ReconcilePolicyRoutesAsync(string accountId, string gatewayId, string connectionId,
        IReadOnlyList<PolicyRoute> wanted, CancellationToken ct = default)
    {
        var existing = (await ListPolicyRoutesAsync(accountId, gatewayId, ct)).Where(r => r.ConnectionId == connectionId).ToList();
        var existingIds = existing.Select(r => r.RouteId).ToHashSet();
        var wantedIds = wanted.Select(r => r.RouteId).ToHashSet();
        int added = 0, removed = 0;
        foreach (var route in wanted.Where(r => !existingIds.Contains(r.RouteId)))
        {
            try { await Table.AddEntityAsync(EntityJson.ToEntity(accountId, PolicyKey(gatewayId, route.RouteId), route), ct); added++; }
            catch (RequestFailedException e) when (e.Status == 409) { }
        }
        foreach (var route in existing.Where(r => !wantedIds.Contains(r.RouteId)))
        {
            await Table.DeleteEntityAsync(accountId, PolicyKey(gatewayId, route.RouteId), ETag.All, ct);
            removed++;
        }
        return (added, removed);
    }

    /// <summary>Removes every route (policy and destination) that belongs to the connection.</summary>
    public async Task<int> RemoveConnectionRoutesAsync(string accountId, string gatewayId, string connectionId, CancellationToken ct = default)
    {
        int removed = 0;
        foreach (var r in (await ListPolicyRoutesAsync(accountId, gatewayId, ct)).Where(r => r.ConnectionId == connectionId))
        { await Table.DeleteEntityAsync(accountId, PolicyKey(gatewayId, r.RouteId), ETag.All, ct); removed++; }
        foreach (var r in (await ListDestinationRoutesAsync(accountId, gatewayId, ct)).Where(r => r.ConnectionId == connectionId))
        { await Table.DeleteEntityAsync(accountId, DestinationKey(gatewayId, r.RouteId), ETag.All, ct); removed++; }
        return removed;
    }
}
