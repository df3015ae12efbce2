using Ipsec.ControlPlane.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Ipsec.Functions;

/// <summary>HTTP triggers: thin wrappers over the shared handlers (the local runtime maps the same routes to the same
/// handlers). AuthorizationLevel.Function: the host checks the key; the handler maps it to an account.</summary>
public sealed class HttpFunctions(AdminHandlers admin, GatewayHandlers gateways, ConnectionHandlers connections)
{
    [Function("PutAccount")]
    public Task<IActionResult> PutAccount([HttpTrigger(AuthorizationLevel.Function, "put", Route = "admin/accounts/{accountId}")] HttpRequest req, string accountId)
        => admin.PutAccountAsync(req, accountId, req.HttpContext.RequestAborted);

    [Function("CreateVpnGateway")]
    public Task<IActionResult> CreateVpnGateway([HttpTrigger(AuthorizationLevel.Function, "post", Route = "vpn-gateways")] HttpRequest req)
        => gateways.CreateVpnGatewayAsync(req, req.HttpContext.RequestAborted);

    [Function("ListVpnGateways")]
    public Task<IActionResult> ListVpnGateways([HttpTrigger(AuthorizationLevel.Function, "get", Route = "vpn-gateways")] HttpRequest req)
        => gateways.ListVpnGatewaysAsync(req, req.HttpContext.RequestAborted);

    [Function("GetVpnGateway")]
    public Task<IActionResult> GetVpnGateway([HttpTrigger(AuthorizationLevel.Function, "get", Route = "vpn-gateways/{id}")] HttpRequest req, string id)
        => gateways.GetVpnGatewayAsync(req, id, req.HttpContext.RequestAborted);

    [Function("BindSmCertificates")]
    public Task<IActionResult> BindSmCertificates([HttpTrigger(AuthorizationLevel.Function, "post", Route = "vpn-gateways/{id}/certificates")] HttpRequest req, string id)
        => gateways.BindCertificatesAsync(req, id, req.HttpContext.RequestAborted);

    [Function("UploadCaCertificate")]
    public Task<IActionResult> UploadCaCertificate([HttpTrigger(AuthorizationLevel.Function, "post", Route = "certificates")] HttpRequest req)
        => gateways.UploadCaCertificateAsync(req, req.HttpContext.RequestAborted);

    [Function("ListCaCertificates")]
    public Task<IActionResult> ListCaCertificates([HttpTrigger(AuthorizationLevel.Function, "get", Route = "certificates")] HttpRequest req)
        => gateways.ListCaCertificatesAsync(req, req.HttpContext.RequestAborted);

    [Function("GetCaCertificate")]
    public Task<IActionResult> GetCaCertificate([HttpTrigger(AuthorizationLevel.Function, "get", Route = "certificates/{id}")] HttpRequest req, string id)
        => gateways.GetCaCertificateAsync(req, id, req.HttpContext.RequestAborted);

    [Function("GetSmCertificates")]
    public Task<IActionResult> GetSmCertificates([HttpTrigger(AuthorizationLevel.Function, "get", Route = "vpn-gateways/{id}/certificates")] HttpRequest req, string id)
        => gateways.GetCertificatesAsync(req, id, req.HttpContext.RequestAborted);

    [Function("CreateCustomerGateway")]
    public Task<IActionResult> CreateCustomerGateway([HttpTrigger(AuthorizationLevel.Function, "post", Route = "customer-gateways")] HttpRequest req)
        => gateways.CreateCustomerGatewayAsync(req, req.HttpContext.RequestAborted);

    [Function("ListCustomerGateways")]
    public Task<IActionResult> ListCustomerGateways([HttpTrigger(AuthorizationLevel.Function, "get", Route = "customer-gateways")] HttpRequest req)
        => gateways.ListCustomerGatewaysAsync(req, req.HttpContext.RequestAborted);

    [Function("GetCustomerGateway")]
    public Task<IActionResult> GetCustomerGateway([HttpTrigger(AuthorizationLevel.Function, "get", Route = "customer-gateways/{id}")] HttpRequest req, string id)
        => gateways.GetCustomerGatewayAsync(req, id, req.HttpContext.RequestAborted);

    [Function("CreateConnection")]
    public Task<IActionResult> CreateConnection([HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections")] HttpRequest req,
        [DurableClient] DurableTaskClient client) => connections.CreateAsync(req, client, req.HttpContext.RequestAborted);

    [Function("ListConnections")]
    public Task<IActionResult> ListConnections([HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections")] HttpRequest req)
        => connections.ListAsync(req, req.HttpContext.RequestAborted);

    [Function("GetConnection")]
    public Task<IActionResult> GetConnection([HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}")] HttpRequest req, string id)
        => connections.GetAsync(req, id, req.HttpContext.RequestAborted);

    [Function("ModifyConnection")]
    public Task<IActionResult> ModifyConnection([HttpTrigger(AuthorizationLevel.Function, "patch", Route = "connections/{id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) => connections.ModifyAsync(req, client, id, req.HttpContext.RequestAborted);

    [Function("NegotiateConnection")]
    public Task<IActionResult> NegotiateConnection([HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections/{id}/negotiate")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) => connections.NegotiateAsync(req, client, id, req.HttpContext.RequestAborted);

    [Function("GetPeerConfig")]
    public Task<IActionResult> GetPeerConfig([HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}/peer-config")] HttpRequest req, string id)
        => connections.PeerConfigAsync(req, id, req.HttpContext.RequestAborted);

    [Function("DeleteConnection")]
    public Task<IActionResult> DeleteConnection([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "connections/{id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) => connections.DeleteAsync(req, client, id, req.HttpContext.RequestAborted);
}
