using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Ipsec.LocalRuntime;

/// <summary>
/// The Durable Task backend of the local runtime: the gRPC sidecar <c>TaskHubGrpcServer</c> (from
/// Microsoft.DurableTask.InProcessTestHost) in its own loopback Kestrel host (HTTP/2 only), over the Azure Storage
/// provider on Azurite — the same provider Durable Functions uses on Azure — or the in-memory service. Registered
/// before the worker so the endpoint listens before the worker connects.
/// </summary>
public sealed class DurableSidecarHost(string address, Func<ILoggerFactory, Task<IOrchestrationService>> createBackend, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    WebApplication? host;
    public IOrchestrationService? Backend { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        Backend = await createBackend(loggerFactory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(address);
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(Backend);
        builder.Services.AddSingleton((IOrchestrationServiceClient)Backend);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        host = builder.Build();
        host.MapGrpcService<TaskHubGrpcServer>();
        await host.StartAsync(ct);
    }

    public async Task StopAsync(CancellationToken ct) { if (host is not null) await host.StopAsync(ct); }

    public async ValueTask DisposeAsync() { if (host is not null) await host.DisposeAsync(); }

    public static Func<ILoggerFactory, Task<IOrchestrationService>> AzureStorage(string connectionString, string taskHub) => async loggers =>
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            LoggerFactory = loggers,
            PartitionCount = 4,                                        // control queues dispatched in parallel (bursts of creates)
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),  // DTFx default 30 s makes an idle hub slow to wake
            // A message a killed worker had dequeued reappears only after its visibility timeout (DTFx default 5 min).
            // On one machine a restarted runtime should resume in seconds; the dispatchers renew the lock of work that
            // runs longer, so a short timeout does not make a slow activity run twice.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(15),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(15),
        });
        await service.CreateIfNotExistsAsync();
        return service;
    };

    public static Func<ILoggerFactory, Task<IOrchestrationService>> InMemory() =>
        loggers => Task.FromResult<IOrchestrationService>(new InMemoryOrchestrationService(loggers));
}
