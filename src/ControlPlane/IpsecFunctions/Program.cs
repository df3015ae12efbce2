using Ipsec.ControlPlane;
using Ipsec.ControlPlane.Engine;
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
// Gateway agents are reached through storage queues on Azure; that transport is not built yet, so say so honestly.
builder.Services.AddSingleton<IGatewayEngine, UnavailableGatewayEngine>();
builder.Build().Run();
