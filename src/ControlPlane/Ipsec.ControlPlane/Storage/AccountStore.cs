using Azure;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Storage;

/// <summary>Accounts and their feature allow-lists (written by the operator). An account that has keys but no row yet
/// has an empty allow-list: every allow-listed setting keeps the system default.</summary>
public sealed class AccountStore(StorageClients storage)
{
    const string Partition = "account";

    public async Task<Account> GetAsync(string accountId, CancellationToken ct = default)
    {
        var row = await storage.Table(StorageNames.AccountsTable).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(Partition, accountId, cancellationToken: ct);
        return row.HasValue ? EntityJson.FromEntity<Account>(row.Value!) : new Account(accountId, new HashSet<Feature>());
    }

    public async Task<Account> PutAsync(Account account, CancellationToken ct = default)
    {
        await storage.Table(StorageNames.AccountsTable).UpsertEntityAsync(EntityJson.ToEntity(Partition, account.AccountId, account),
            Azure.Data.Tables.TableUpdateMode.Replace, ct);
        return account;
    }
}
