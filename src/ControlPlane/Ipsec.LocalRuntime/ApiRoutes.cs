using Ipsec.ControlPlane.Http;
using Ipsec.LocalRuntime.Demo;
using Microsoft.DurableTask.Client;

namespace Ipsec.LocalRuntime;

/// <summary>The Functions app's HTTP routes (same paths, same handlers; Functions prefixes routes with /api).</summary>
static class ApiRoutes
{
    public static void Map(WebApplication app)
    {
        app.MapPut("/api/admin/accounts/{accountId}", (HttpContext c, string accountId, AdminHandlers h) => Run(c, h.PutAccountAsync(c.Request, accountId, c.RequestAborted)));

        app.MapPost("/api/vpn-gateways", (HttpContext c, GatewayHandlers h) => Run(c, h.CreateVpnGatewayAsync(c.Request, c.RequestAborted)));
        app.MapGet("/api/vpn-gateways", (HttpContext c, GatewayHandlers h) => Run(c, h.ListVpnGatewaysAsync(c.Request, c.RequestAborted)));
        app.MapGet("/api/vpn-gateways/{id}", (HttpContext c, string id, GatewayHandlers h) => Run(c, h.GetVpnGatewayAsync(c.Request, id, c.RequestAborted)));
        app.MapPost("/api/vpn-gateways/{id}/certificates", (HttpContext c, string id, GatewayHandlers h) => Run(c, h.BindCertificatesAsync(c.Request, id, c.RequestAborted)));
        app.MapGet("/api/vpn-gateways/{id}/certificates", (HttpContext c, string id, GatewayHandlers h) => Run(c, h.GetCertificatesAsync(c.Request, id, c.RequestAborted)));
        app.MapPost("/api/certificates", (HttpContext c, GatewayHandlers h) => Run(c, h.UploadCaCertificateAsync(c.Request, c.RequestAborted)));
        app.MapGet("/api/certificates", (HttpContext c, GatewayHandlers h) => Run(c, h.ListCaCertificatesAsync(c.Request, c.RequestAborted)));
        app.MapGet("/api/certificates/{id}", (HttpContext c, string id, GatewayHandlers h) => Run(c, h.GetCaCertificateAsync(c.Request, id, c.RequestAborted)));
        app.MapPost("/api/customer-gateways", (HttpContext c, GatewayHandlers h) => Run(c, h.CreateCustomerGatewayAsync(c.Request, c.RequestAborted)));
        app.MapGet("/api/customer-gateways", (HttpContext c, GatewayHandlers h) => Run(c, h.ListCustomerGatewaysAsync(c.Request, c.RequestAborted)));
        app.MapGet("/api/customer-gateways/{id}", (HttpContext c, string id, GatewayHandlers h) => Run(c, h.GetCustomerGatewayAsync(c.Request, id, c.RequestAborted)));

        app.MapPost("/api/connections", (HttpContext c, DurableTaskClient d, ConnectionHandlers h) => Run(c, h.CreateAsync(c.Request, d, c.RequestAborted)));
        app.MapGet("/api/connections", (HttpContext c, ConnectionHandlers h) => Run(c, h.ListAsync(c.Request, c.RequestAborted)));
        app.MapGet("/api/connections/{id}", (HttpContext c, string id, ConnectionHandlers h) => Run(c, h.GetAsync(c.Request, id, c.RequestAborted)));
        app.MapPatch("/api/connections/{id}", (HttpContext c, string id, DurableTaskClient d, ConnectionHandlers h) => Run(c, h.ModifyAsync(c.Request, d, id, c.RequestAborted)));
        app.MapPost("/api/connections/{id}/negotiate", (HttpContext c, string id, DurableTaskClient d, ConnectionHandlers h) => Run(c, h.NegotiateAsync(c.Request, d, id, c.RequestAborted)));
        app.MapGet("/api/connections/{id}/peer-config", (HttpContext c, string id, ConnectionHandlers h) => Run(c, h.PeerConfigAsync(c.Request, id, c.RequestAborted)));
        app.MapDelete("/api/connections/{id}", (HttpContext c, string id, DurableTaskClient d, ConnectionHandlers h) => Run(c, h.DeleteAsync(c.Request, d, id, c.RequestAborted)));

        // local runtime only: a customer gateway for the README's demo (strongSwan or our engine on 127.0.0.2)
        app.MapDemoCustomerGateways(Run);
    }

    static Task Run(HttpContext c, Task<Microsoft.AspNetCore.Mvc.IActionResult> result) => ActionResultEndpoint.Run(c, result);
}
