using Azure;
using Azure.Data.Tables;

namespace Ipsec.ControlPlane.Storage;

/// <summary>
/// IPsec connections, partitioned by account (isolation at the store boundary, as in <see cref="GatewayStore"/>).
/// A connection row ("conn:{id}") and its client-token row ("token:{token}") live in the same partition so that a
/// create writes both in one transaction: a retried create with the same token finds the first connection instead of
/// making a second. Every update is conditional on the ETag read, so two concurrent changes cannot both win.
/// </summary>
public sealed class ConnectionStore(StorageClients storage)
{
    const string ConnPrefix = "conn:", TokenPrefix = "token:", OutboxPrefix = "outbox:";
    TableClient Table => storage.Table(StorageNames.ConnectionsTable);

    public sealed record Versioned(ConnectionRecord Record, ETag ETag);

    /// <summary>The outcome of an insert: the stored record, or the connection an earlier create with the same client
    /// token made (<paramref name="Existing"/>) and whether that earlier request had the same content.</summary>
    public sealed record InsertResult(ConnectionRecord? Inserted, string? ExistingConnectionId, bool SameRequest);

    public async Task<InsertResult> InsertAsync(ConnectionRecord record, string requestFingerprint, CancellationToken ct = default)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, EntityJson.ToEntity(record.AccountId, ConnPrefix + record.ConnectionId, record)),
        };
        if (record.ClientToken is string token)
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(record.AccountId, TokenKey(token))
            {
                ["ConnectionId"] = record.ConnectionId,
                ["Fingerprint"] = requestFingerprint,
            }));
        try
        {
            await Table.SubmitTransactionAsync(actions, ct);
            return new InsertResult(record, null, true);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && record.ClientToken is not null)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(record.AccountId, TokenKey(record.ClientToken), cancellationToken: ct);
            if (!existing.HasValue) throw;
            return new InsertResult(null, existing.Value!.GetString("ConnectionId"), existing.Value!.GetString("Fingerprint") == requestFingerprint);
        }
    }

    public async Task<Versioned?> GetAsync(string accountId, string connectionId, CancellationToken ct = default)
    {
        if (!Ids.IsWellFormed(connectionId)) return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ConnPrefix + connectionId, cancellationToken: ct);
        return row.HasValue ? new Versioned(EntityJson.FromEntity<ConnectionRecord>(row.Value!), row.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<ConnectionRecord>> ListAsync(string accountId, string? vpnGatewayId = null, CancellationToken ct = default)
    {
        var result = new List<ConnectionRecord>();
        await foreach (var e in Table.QueryAsync<TableEntity>(EntityJson.PrefixFilter(accountId, ConnPrefix), cancellationToken: ct))
        {
            var record = EntityJson.FromEntity<ConnectionRecord>(e);
            if (vpnGatewayId is null || record.Settings.VpnGatewayId == vpnGatewayId) result.Add(record);
        }
        return result.OrderBy(r => r.CreatedAt).ThenBy(r => r.ConnectionId).ToList();
    }

    /// <summary>Replaces the row if nobody changed it since <paramref name="etag"/>; otherwise throws
    /// <see cref="ConcurrencyConflictException"/>.</summary>
    public async Task<ETag> ReplaceAsync(ConnectionRecord record, ETag etag, CancellationToken ct = default)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(EntityJson.ToEntity(record.AccountId, ConnPrefix + record.ConnectionId, record), etag, TableUpdateMode.Replace, ct);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException($"connection {record.ConnectionId}");
        }
    }

    /// <summary>
    /// Read-modify-write with retries on ETag conflicts: <paramref name="change"/> gets the current record and returns
    /// the new one, or null when there is nothing to do (e.g. the step was already applied). Returns the record as
    /// stored afterwards, or null when the connection does not exist.
    /// </summary>
    public async Task<ConnectionRecord?> UpdateAsync(string accountId, string connectionId, Func<ConnectionRecord, ConnectionRecord?> change, CancellationToken ct = default)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var current = await GetAsync(accountId, connectionId, ct);
            if (current is null) return null;
            var next = change(current.Record);
            if (next is null) return current.Record;
            try { await ReplaceAsync(next, current.ETag, ct); return next; }
            catch (ConcurrencyConflictException) { await Task.Delay(20 * (attempt + 1), ct); }
        }
        throw new ConcurrencyConflictException($"connection {connectionId}");
    }

    /// <summary>How many of the connection's changes have been published to the events queue (0 when none).</summary>
    public async Task<int> GetPublishedAsync(string accountId, string connectionId, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, OutboxPrefix + connectionId, cancellationToken: ct);
        return row.HasValue ? row.Value!.GetInt32("Published") ?? 0 : 0;
    }

    /// <summary>Advances the published count (never backwards: two publishers racing both end at the larger value).</summary>
    public async Task SetPublishedAsync(string accountId, string connectionId, int published, CancellationToken ct = default)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, OutboxPrefix + connectionId, cancellationToken: ct);
            var entity = new TableEntity(accountId, OutboxPrefix + connectionId) { ["Published"] = published };
            try
            {
                if (!row.HasValue) { await Table.AddEntityAsync(entity, ct); return; }
                if ((row.Value!.GetInt32("Published") ?? 0) >= published) return;
                await Table.UpdateEntityAsync(entity, row.Value.ETag, TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412) { }
        }
        throw new ConcurrencyConflictException($"outbox of connection {connectionId}");
    }

    /// <summary>Removes the connection, its client-token row and its outbox cursor (idempotent).</summary>
    public async Task DeleteAsync(string accountId, string connectionId, string? clientToken, CancellationToken ct = default)
    {
        if (clientToken is not null) await Table.DeleteEntityAsync(accountId, TokenKey(clientToken), ETag.All, ct);
        await Table.DeleteEntityAsync(accountId, OutboxPrefix + connectionId, ETag.All, ct);
        await Table.DeleteEntityAsync(accountId, ConnPrefix + connectionId, ETag.All, ct);
    }

    /// <summary>Every connection of every account (operator sweeps only; never reachable from an account's request).</summary>
    public async IAsyncEnumerable<ConnectionRecord> ScanAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ConnPrefix} and RowKey lt {"conn;"}"), cancellationToken: ct))
            yield return EntityJson.FromEntity<ConnectionRecord>(e);
    }

    /// <summary>Client tokens may contain characters a row key forbids; key them by a hash.</summary>
    static string TokenKey(string token) =>
        TokenPrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
