using Azure.Identity;
using Ipsec.ControlPlane.Storage;
using Microsoft.Extensions.Configuration;
using Xunit;
using Mode = Ipsec.ControlPlane.Storage.StorageClients.ConnectionMode;

namespace Ipsec.ControlPlane.Tests.Storage;

/// <summary>
/// Which way <see cref="StorageClients"/> reaches storage for each shape of configuration, seen through the endpoints
/// of the clients it builds. Building a client sends nothing, so no test needs a network or Azurite.
/// </summary>
public class StorageClientsTests
{
    // What infra/main.bicep passes: the storage account's primaryEndpoints, each ending with '/'.
    const string TableEndpoint = "https://stipsecfnabc.table.core.windows.net/";
    const string QueueEndpoint = "https://stipsecfnabc.queue.core.windows.net/";
    const string AccountConnectionString =
        "DefaultEndpointsProtocol=https;AccountName=stfromconn;AccountKey=dGVzdC1rZXktbm90LWEtc2VjcmV0;EndpointSuffix=core.windows.net";

    static StorageClients Build(params (string Key, string? Value)[] settings) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Nothing_configured_uses_development_storage()
    {
        var clients = Build();

        Assert.Equal(Mode.DevelopmentStorage, clients.Mode);
        Assert.Null(clients.Credential);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), clients.Tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1/connection-events"), clients.Queue(StorageNames.EventsQueue).Uri);
    }

    [Fact]
    public void Plain_AzureWebJobsStorage_is_a_connection_string()
    {
        var clients = Build(("AzureWebJobsStorage", AccountConnectionString));

        Assert.Equal(Mode.ConnectionString, clients.Mode);
        Assert.Null(clients.Credential);
        Assert.Equal("stfromconn", clients.Tables.AccountName);
        Assert.Equal(new Uri("https://stfromconn.queue.core.windows.net/connection-requests"), clients.Queue(StorageNames.RequestsQueue).Uri);
    }

    [Fact]
    public void ControlPlaneStorage_wins_over_AzureWebJobsStorage()
    {
        var clients = Build(("ControlPlaneStorage", AccountConnectionString), ("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal(Mode.ConnectionString, clients.Mode);
        Assert.Equal("stfromconn", clients.Tables.AccountName);
    }

    [Fact]
    public void A_connection_string_wins_over_service_uris()
    {
        var clients = Build(
            ("ControlPlaneStorage", AccountConnectionString),
            ("AzureWebJobsStorage:tableServiceUri", TableEndpoint),
            ("AzureWebJobsStorage:queueServiceUri", QueueEndpoint));

        Assert.Equal(Mode.ConnectionString, clients.Mode);
        Assert.Equal("stfromconn", clients.Tables.AccountName);
    }

    [Fact]
    public void Blank_connection_string_counts_as_absent()
    {
        var clients = Build(("ControlPlaneStorage", "  "),
            ("AzureWebJobsStorage:tableServiceUri", TableEndpoint), ("AzureWebJobsStorage:queueServiceUri", QueueEndpoint));

        Assert.Equal(Mode.Identity, clients.Mode);
    }

    [Fact]
    public void Service_uris_without_connection_string_use_identity_endpoints()
    {
        var clients = Build(
            ("AzureWebJobsStorage:blobServiceUri", "https://stipsecfnabc.blob.core.windows.net/"),
            ("AzureWebJobsStorage:tableServiceUri", TableEndpoint),
            ("AzureWebJobsStorage:queueServiceUri", QueueEndpoint),
            ("AzureWebJobsStorage:credential", "managedidentity"));

        Assert.Equal(Mode.Identity, clients.Mode);
        Assert.IsType<DefaultAzureCredential>(clients.Credential);
        Assert.Equal(new Uri(TableEndpoint), clients.Tables.Uri);
        Assert.Equal("stipsecfnabc", clients.Tables.AccountName);
        Assert.Equal(new Uri(TableEndpoint + "Connections"), clients.Table(StorageNames.ConnectionsTable).Uri);
        Assert.Equal(StorageNames.ConnectionsTable, clients.Table(StorageNames.ConnectionsTable).Name);
    }

    [Theory]
    [InlineData(QueueEndpoint)]
    [InlineData("https://stipsecfnabc.queue.core.windows.net")]
    public void Identity_queue_uri_names_the_queue_with_or_without_trailing_slash(string queueServiceUri)
    {
        var clients = Build(("AzureWebJobsStorage:tableServiceUri", TableEndpoint), ("AzureWebJobsStorage:queueServiceUri", queueServiceUri));

        var queue = clients.Queue(StorageNames.RequestErrorsQueue);

        Assert.Equal(new Uri("https://stipsecfnabc.queue.core.windows.net/connection-requests-errors"), queue.Uri);
        Assert.Equal("connection-requests-errors", queue.Name);
        Assert.Equal("stipsecfnabc", queue.AccountName);
    }

    [Fact]
    public void ClientId_selects_a_user_assigned_managed_identity()
    {
        var clients = Build(
            ("AzureWebJobsStorage:tableServiceUri", TableEndpoint),
            ("AzureWebJobsStorage:queueServiceUri", QueueEndpoint),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Equal(Mode.Identity, clients.Mode);
        Assert.IsType<ManagedIdentityCredential>(clients.Credential);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:tableServiceUri", TableEndpoint, "queueServiceUri")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", QueueEndpoint, "tableServiceUri")]
    public void Half_configured_identity_fails_instead_of_falling_back_to_azurite(string key, string value, string missing)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build((key, value)));
        Assert.Contains(missing + " is missing", e.Message);
    }

    [Theory]
    [InlineData("http://stipsecfnabc.table.core.windows.net/")] // a bearer token must not travel in clear text
    [InlineData("stipsecfnabc.table.core.windows.net")]          // not absolute
    public void Identity_service_uri_must_be_absolute_https(string tableServiceUri)
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            Build(("AzureWebJobsStorage:tableServiceUri", tableServiceUri), ("AzureWebJobsStorage:queueServiceUri", QueueEndpoint)));
        Assert.Contains("tableServiceUri is not an absolute https URI", e.Message);
    }
}
