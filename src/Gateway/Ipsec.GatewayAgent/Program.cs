using Ipsec.ControlPlane.Engine.Remote;
using Microsoft.Extensions.Hosting;

// The gateway agent next to a VPN gateway: reads its gateway's command queue in the control plane's storage account,
// runs the engine on the gateway's public address (UDP 500/4500), answers on engine-results and reports engine
// events on engine-events. Settings (command line, environment or appsettings.json):
//   --ControlPlaneStorage "<connection string>"   (or AzureWebJobsStorage__queueServiceUri + a managed identity)
//   --GatewayAgent:VpnGatewayId vpn-...            --Engine:IkePort 500 --Engine:NatPort 4500
//   --Engine:BindAddresses:<publicIp> <local>     (a VM behind 1:1 NAT: listen on the local address, negotiate as the
//                                                  public IP; NAT-D then floats the SAs to 4500)
//   --Secrets:EncryptionKey <base64>              (sm gateways only: the control plane's key, which opens the gateway's
//                                                  SM2 keys in the certificate table; without it sm connections are refused)
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddGatewayAgent(builder.Configuration);
builder.Build().Run();
