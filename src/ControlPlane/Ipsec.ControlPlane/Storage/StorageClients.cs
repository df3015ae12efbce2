using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Ipsec.ControlPlane.Storage;

/// <summary>
/// The storage account the control plane keeps its resources in, reached in one of three ways, decided once from
/// configuration (first match wins):
/// <list type="number">
/// <item><see cref="ConnectionMode.ConnectionString"/>: <c>ControlPlaneStorage</c>, or the Functions runtime's own
/// <c>AzureWebJobsStorage</c> when it is a plain value.</item>
/// <item><see cref="ConnectionMode.Identity"/>: <c>AzureWebJobsStorage:tableServiceUri</c> and
/// <c>AzureWebJobsStorage:queueServiceUri</c> (app settings <c>AzureWebJobsStorage__tableServiceUri</c>, ...), the
/// identity-based host storage infra/main.bicep deploys; the clients authenticate with Entra ID, as a user-assigned
/// managed identity when <c>AzureWebJobsStorage:clientId</c> names one, else with <see cref="DefaultAzureCredential"/>
/// (the system-assigned identity on Azure, the developer's Azure CLI login locally).</item>
/// <item><see cref="ConnectionMode.DevelopmentStorage"/>: none of these, so Azurite on its default ports.</item>
/// </list>
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionStringKey = "ControlPlaneStorage";
    public const string HostStorageKey = "AzureWebJobsStorage";
    // The Functions host's names for identity-based connections (AzureWebJobsStorage__tableServiceUri etc.), so one
    // set of app settings serves the host, Durable Task and these clients.
    public const string TableServiceUriKey = HostStorageKey + ":tableServiceUri";
    public const string QueueServiceUriKey = HostStorageKey + ":queueServiceUri";
    public const string ClientIdKey = HostStorageKey + ":clientId";
    const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>How the clients reach the account.</summary>
    public enum ConnectionMode { ConnectionString, Identity, DevelopmentStorage }

    public ConnectionMode Mode { get; }
    public TableServiceClient Tables { get; }
    /// <summary>The Entra ID credential in <see cref="ConnectionMode.Identity"/>; null when a connection string authenticates.</summary>
    public TokenCredential? Credential { get; }

    readonly string? connectionString;
    readonly string? queueServiceUri;
    readonly QueueClientOptions queueOptions;

    /// <exception cref="InvalidOperationException">Only one of the two service URIs is set, or one is not an absolute https
    /// URI: a half-configured identity connection fails at startup instead of falling back to Azurite, and bearer tokens
    /// are never sent in clear text (Azure.Core refuses that too, but only at the first request).</exception>
    public StorageClients(IConfiguration configuration)
    {
        // Base64 is what the Functions queue trigger expects by default (host.json messageEncoding).
        queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };

        // An identity-based AzureWebJobsStorage is a section without a value of its own, so the indexer returns null.
        string? configured = NonEmpty(configuration[ConnectionStringKey]) ?? NonEmpty(configuration[HostStorageKey]);
        string? tableUri = NonEmpty(configuration[TableServiceUriKey]);
        string? queueUri = NonEmpty(configuration[QueueServiceUriKey]);

        if (configured is null && (tableUri is not null || queueUri is not null))
        {
            Mode = ConnectionMode.Identity;
            Uri tables = ServiceUri(tableUri, TableServiceUriKey);
            // Trimmed: a storage account's primaryEndpoints (what the Bicep passes) end with '/', and a queue URI
            // with "//" names no queue.
            queueServiceUri = ServiceUri(queueUri, QueueServiceUriKey).AbsoluteUri.TrimEnd('/');
            Credential = NonEmpty(configuration[ClientIdKey]) is string clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            Tables = new TableServiceClient(tables, Credential);
        }
        else
        {
            Mode = configured is null ? ConnectionMode.DevelopmentStorage : ConnectionMode.ConnectionString;
            connectionString = configured ?? DevelopmentStorage;
            Tables = new TableServiceClient(connectionString);
        }
    }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public QueueClient Queue(string name) => connectionString is not null
        ? new QueueClient(connectionString, name, queueOptions)
        : new QueueClient(new Uri(queueServiceUri + "/" + name), Credential!, queueOptions);

    /// <summary>Creates every table and queue (idempotent). On Azure, infra/main.bicep creates them too.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        foreach (var t in StorageNames.Tables) await Table(t).CreateIfNotExistsAsync(ct);
        foreach (var q in StorageNames.Queues) await Queue(q).CreateIfNotExistsAsync(cancellationToken: ct);
    }

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    static Uri ServiceUri(string? value, string key) =>
        value is null
            ? throw new InvalidOperationException($"{key} is missing: identity-based storage needs both {TableServiceUriKey} and {QueueServiceUriKey}")
            : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri
                : throw new InvalidOperationException($"{key} is not an absolute https URI");
}
