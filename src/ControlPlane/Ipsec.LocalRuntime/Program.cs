using Ipsec.ControlPlane;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Http;
using Ipsec.ControlPlane.Queues;
using Ipsec.ControlPlane.Workflows;
using Ipsec.LocalRuntime;
using Ipsec.LocalRuntime.Demo;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

// The local runtime: the control plane's workflow classes on the Durable Task worker and client (through the gRPC
// sidecar), the Functions app's HTTP routes, the queue trigger's and timer trigger's work, and the durable status API.
// Options (command line or environment): --backend azurite|memory  --grpc-port 4001  --taskhub IpsecHub
//   --AzureWebJobsStorage <connection string>  --settings <path to local.settings.json>  --urls http://127.0.0.1:7071
// Content root = the binaries, so appsettings.json (log levels) is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
string? settingsPath = builder.Configuration["settings"] ?? LocalSettings.Find();
if (settingsPath is not null)
{
    // local.settings.json first, then the command line and environment on top (they win).
    var overrides = builder.Configuration.AsEnumerable().ToList();
    builder.Configuration.AddInMemoryCollection(LocalSettings.Load(settingsPath));
    builder.Configuration.AddInMemoryCollection(overrides.Where(kv => kv.Value is not null));
}
// The demo customer gateway's port override must exist before the engine settings below are read.
DemoPeerPorts.Configure(builder.Configuration);
string backend = builder.Configuration["backend"] ?? "azurite";
string grpcAddress = $"http://127.0.0.1:{builder.Configuration["grpc-port"] ?? "4001"}";
string storage = builder.Configuration["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true";
string taskHub = builder.Configuration["taskhub"] ?? builder.Configuration["TaskHub"] ?? "IpsecHub";

builder.Services.AddControlPlane();
builder.Services.AddSingleton<IManagementPayloadFactory, LocalManagementPayloadFactory>();
// The gateway engines run in process here: real UDP sockets on each VPN gateway's public IP (Engine:IkePort/NatPort),
// reached directly (Engine:Transport=inprocess, the default) or through the storage-queue transport and in-process
// gateway agents, as on Azure (Engine:Transport=queues).
builder.Services.AddSingleton(builder.Configuration.GetSection("Engine").Get<EngineSettings>() ?? new EngineSettings());
LocalEngineTransport.Add(builder.Services, builder.Configuration[LocalEngineTransport.SettingKey]);
builder.Services.AddHostedService<EngineRehydrator>();
builder.Services.AddMvcCore();
builder.Services.AddHostedService<StorageInitializer>();
builder.Services.AddSingleton(sp => new DurableSidecarHost(grpcAddress,
    backend == "memory" ? DurableSidecarHost.InMemory() : DurableSidecarHost.AzureStorage(storage, taskHub),
    sp.GetRequiredService<ILoggerFactory>()));
builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableSidecarHost>());
builder.Services.AddDurableTaskWorker(b => { b.UseGrpc(grpcAddress); b.AddTasks(DurableTasks.Register); });
builder.Services.AddDurableTaskClient(b => b.UseGrpc(grpcAddress));
if (builder.Configuration["RequestQueue:Enabled"] != "false") builder.Services.AddHostedService<CreationRequestPump>();
builder.Services.AddHostedService<SweepTimer>();
builder.Services.AddDemoCustomerGateways(builder.Configuration);

var app = builder.Build();
ApiRoutes.Map(app);
app.MapDurableManagementApi();
app.MapGet("/", () => Results.Text($"IpsecFunctions local runtime ({backend} backend). API under /api; see README.md.\n"));
app.Run();

public partial class Program;
