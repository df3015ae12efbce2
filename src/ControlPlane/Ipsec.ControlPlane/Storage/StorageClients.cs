using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Ipsec.ControlPlane.Storage;

/// <summary>
/// The storage account the control plane keeps its resources in (Azurite locally). The connection string is the
/// Functions runtime's own <c>AzureWebJobsStorage</c> unless <c>ControlPlaneStorage</c> names another account.
/// </summary>
public sealed class StorageClients
{
    public TableServiceClient Tables { get; }
    readonly string connectionString;
    readonly QueueClientOptions queueOptions;

    public StorageClients(IConfiguration configuration)
    {
        connectionString = configuration["ControlPlaneStorage"] ?? configuration["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true";
        Tables = new TableServiceClient(connectionString);
        // Base64 is what the Functions queue trigger expects by default (host.json messageEncoding).
        queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
    }

    public TableClient Table(string name) => Tables.GetTableClient(name);
    public QueueClient Queue(string name) => new(connectionString, name, queueOptions);

    /// <summary>Creates every table and queue (idempotent). On Azure, infra/main.bicep creates them too.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        foreach (var t in StorageNames.Tables) await Table(t).CreateIfNotExistsAsync(ct);
        foreach (var q in StorageNames.Queues) await Queue(q).CreateIfNotExistsAsync(cancellationToken: ct);
    }
}
