using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using Ipsec.ControlPlane.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Fixtures;

/// <summary>
/// One local runtime (the real Program of Ipsec.LocalRuntime: HTTP routes, durable worker and client through the gRPC
/// sidecar over Azure Storage on Azurite, queue pump) shared by the HTTP tests. Each run uses fresh accounts and a fresh
/// task hub, so runs never see each other's data. It also drains the events queue into memory so tests can look for
/// their connections' events without stealing each other's messages.
/// </summary>
public sealed class LocalRuntimeFixture : IAsyncLifetime
{
    public static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    public static string AccountOf(string keyId) => $"acct-{Run}-{keyId}";
    public static string KeyOf(string keyId) => $"key-{Run}-{keyId}";
    public const string OperatorKey = "test-operator-key";
    public static readonly string[] KeyIds = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];

    WebApplicationFactory<Ipsec.LocalRuntime.LocalManagementPayloadFactory>? factory;
    readonly ConcurrentQueue<JsonElement> events = new();
    CancellationTokenSource? drain;
    Task? drainTask;

    public IConfiguration Configuration { get; } = BuildConfiguration();

    /// <summary>Every log line the runtime wrote, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();
    public string TaskHub { get; } = "test" + Run;

    public HttpClient Client(string? keyId)
    {
        var http = factory!.CreateClient();
        if (keyId is not null) http.DefaultRequestHeaders.Add("x-functions-key", keyId == "operator" ? OperatorKey : KeyOf(keyId));
        return http;
    }

    public StorageClients Storage { get; } = new(BuildConfiguration());

    /// <summary>Call first in every test: skips (or fails in CI) when Azurite is not there.</summary>
    public void Require() => TestStorage.RequireAzurite();

    public async Task InitializeAsync()
    {
        if (!TestStorage.IsAvailable()) return;
        factory = new WebApplicationFactory<Ipsec.LocalRuntime.LocalManagementPayloadFactory>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in Settings()) b.UseSetting(k, v);
            b.UseSetting("taskhub", TaskHub);
            b.UseSetting("grpc-port", Random.Shared.Next(41000, 42000).ToString());
            b.ConfigureServices(s => s.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs)));
        });
        factory.CreateClient().Dispose();   // starts the host
        await Storage.EnsureCreatedAsync();
        drain = new CancellationTokenSource();
        drainTask = DrainEventsAsync(Storage.Queue(StorageNames.EventsQueue), drain.Token);
    }

    /// <summary>Events seen so far for a connection, in publication order.</summary>
    public IReadOnlyList<JsonElement> EventsFor(string connectionId) =>
        events.Where(e => e.GetProperty("connectionId").GetString() == connectionId).ToList();

    async Task DrainEventsAsync(QueueClient queue, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct)).Value;
                foreach (var m in batch)
                {
                    using var doc = JsonDocument.Parse(m.Body.ToString());
                    events.Enqueue(doc.RootElement.Clone());
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                }
                if (batch.Length == 0) await Task.Delay(100, ct);
            }
            catch (OperationCanceledException) { }
        }
    }

    public async Task DisposeAsync()
    {
        drain?.Cancel();
        if (drainTask is not null) await drainTask;
        if (factory is not null) await factory.DisposeAsync();
    }

    public static IEnumerable<(string Key, string Value)> Settings()
    {
        yield return ("AzureWebJobsStorage", TestStorage.ConnectionString);
        yield return ("OperatorKey", OperatorKey);
        foreach (var id in KeyIds)
        {
            yield return ($"ApiKeys:{id}:Key", KeyOf(id));
            yield return ($"ApiKeys:{id}:AccountId", AccountOf(id));
        }
    }

    static IConfiguration BuildConfiguration() => new ConfigurationBuilder()
        .AddInMemoryCollection(Settings().Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}

[CollectionDefinition(Name)]
public sealed class LocalRuntimeCollection : ICollectionFixture<LocalRuntimeFixture>
{
    public const string Name = "local runtime on Azurite";
}
