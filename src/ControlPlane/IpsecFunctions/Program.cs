using Ipsec.ControlPlane;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Http;
using Ipsec.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions (isolated worker) host: the same control-plane services as the local runtime; only the durable
// management payload comes from the Durable extension here (its URLs point at the Functions host's webhook API).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddControlPlane();
builder.Services.AddSingleton<IManagementPayloadFactory, FunctionsManagementPayloadFactory>();
// The engines live in the gateway agents on the VPN gateway hosts, reached only through storage queues: commands to
// each gateway's queue, answers and engine events back through EngineQueueFunctions.
builder.Services.AddQueueEngineTransport();
builder.Build().Run();
