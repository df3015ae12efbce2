using Ipsec.ControlPlane.Access;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ipsec.ControlPlane.Http;

/// <summary>VPN gateways and customer gateways: create, list, get (PRODUCT.md section 6).</summary>
public sealed class GatewayHandlers(ApiKeyDirectory keys, GatewayStore gateways, RouteStore routes, Certificates.GatewayCertificateService certificates,
    Certificates.CaCertificateLibrary caLibrary)
{
    /// <summary>A VPN gateway with its route tables.</summary>
    public sealed record VpnGatewayView(string VpnGatewayId, string Name, GatewayKind Kind, GatewayVersion Version, string PublicIp,
        IReadOnlyList<string> VpcCidrs, bool SmCertificatesBound, bool BgpEnabled,
        IReadOnlyList<DestinationRoute> DestinationRoutes, IReadOnlyList<PolicyRoute> PolicyRoutes);

    public async Task<IActionResult> CreateVpnGatewayAsync(HttpRequest request, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var (body, error) = await RequestReading.ReadJsonObjectAsync(request, ct);
        if (error is not null) return error;
        var parsed = RequestReader.ReadVpnGateway(body);
        if (RequestReading.ErrorsOf(parsed) is { } invalidJson) return invalidJson;
        var validated = GatewayRules.ValidateVpnGateway(parsed.Value!, accountId, Ids.New("vpn"));
        if (RequestReading.ErrorsOf(validated) is { } invalid) return invalid;
        await gateways.AddVpnGatewayAsync(validated.Value!, ct);
        return ApiResults.Created($"/api/vpn-gateways/{validated.Value!.VpnGatewayId}", await ViewAsync(validated.Value!, ct));
    }

    public async Task<IActionResult> ListVpnGatewaysAsync(HttpRequest request, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var list = new List<VpnGatewayView>();
        foreach (var g in await gateways.ListVpnGatewaysAsync(accountId, ct)) list.Add(await ViewAsync(g, ct));
        return ApiResults.Json(new { vpnGateways = list });
    }

    public async Task<IActionResult> GetVpnGatewayAsync(HttpRequest request, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var gateway = await gateways.GetVpnGatewayAsync(accountId, id, ct);
        return gateway is null ? ApiResults.NotFound("VpnGateway", id) : ApiResults.Json(await ViewAsync(gateway, ct));
    }

    /// <summary><c>POST /api/vpn-gateways/{id}/certificates</c>: issue and bind the SM signing and encryption certificates
    /// (sm gateways only). 201 with the certificates (no private keys); 200 with the same pair when already bound.</summary>
    public async Task<IActionResult> BindCertificatesAsync(HttpRequest request, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var gateway = await gateways.GetVpnGatewayAsync(accountId, id, ct);
        if (gateway is null) return ApiResults.NotFound("VpnGateway", id);
        if (gateway.Kind != GatewayKind.Sm)
            return ApiResults.Error(400, "InvalidOperation.NotSmGateway", "kind", "SM certificates are bound to sm (national-crypto) gateways only");
        var (bound, created) = await certificates.BindAsync(accountId, id, ct);
        return created ? ApiResults.Created($"/api/vpn-gateways/{id}/certificates", bound) : ApiResults.Json(bound);
    }

    /// <summary><c>GET /api/vpn-gateways/{id}/certificates</c>: the bound certificates, without private keys.</summary>
    public async Task<IActionResult> GetCertificatesAsync(HttpRequest request, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        if (await gateways.GetVpnGatewayAsync(accountId, id, ct) is null) return ApiResults.NotFound("VpnGateway", id);
        var bound = await certificates.GetAsync(accountId, id, ct);
        return bound is null ? ApiResults.Error(404, "NotFound.SmCertificates", null, "no SM certificates are bound to this gateway") : ApiResults.Json(bound);
    }

    /// <summary><c>POST /api/certificates</c> <c>{"name", "certificate": PEM}</c>: keep a peer CA certificate with the
    /// service so sm connections can name it by id in <c>remoteCaCertificate</c>. 201 with its id and subject; 400 with
    /// the check that failed (not PEM, not SM2, not a CA, expired, ...).</summary>
    public async Task<IActionResult> UploadCaCertificateAsync(HttpRequest request, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var (body, error) = await RequestReading.ReadJsonObjectAsync(request, ct);
        if (error is not null) return error;
        string? Text(string field) => body.TryGetProperty(field, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
        var (stored, invalid) = await caLibrary.UploadAsync(accountId, Text("name"), Text("certificate"), ct);
        return invalid is not null ? ApiResults.From([invalid]) : ApiResults.Created($"/api/certificates/{stored!.CertificateId}", stored);
    }

    public async Task<IActionResult> ListCaCertificatesAsync(HttpRequest request, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        return ApiResults.Json(new { certificates = await caLibrary.ListAsync(accountId, ct) });
    }

    public async Task<IActionResult> GetCaCertificateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var held = await caLibrary.GetAsync(accountId, id, ct);
        return held is null ? ApiResults.NotFound("Certificate", id) : ApiResults.Json(held);
    }

    public async Task<IActionResult> CreateCustomerGatewayAsync(HttpRequest request, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var (body, error) = await RequestReading.ReadJsonObjectAsync(request, ct);
        if (error is not null) return error;
        var parsed = RequestReader.ReadCustomerGateway(body);
        if (RequestReading.ErrorsOf(parsed) is { } invalidJson) return invalidJson;
        var validated = GatewayRules.ValidateCustomerGateway(parsed.Value!, accountId, Ids.New("cgw"));
        if (RequestReading.ErrorsOf(validated) is { } invalid) return invalid;
        await gateways.AddCustomerGatewayAsync(validated.Value!, ct);
        return ApiResults.Created($"/api/customer-gateways/{validated.Value!.CustomerGatewayId}", validated.Value!);
    }

    public async Task<IActionResult> ListCustomerGatewaysAsync(HttpRequest request, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        return ApiResults.Json(new { customerGateways = await gateways.ListCustomerGatewaysAsync(accountId, ct) });
    }

    public async Task<IActionResult> GetCustomerGatewayAsync(HttpRequest request, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var gateway = await gateways.GetCustomerGatewayAsync(accountId, id, ct);
        return gateway is null ? ApiResults.NotFound("CustomerGateway", id) : ApiResults.Json(gateway);
    }

    string? Account(HttpRequest request) => RequestReading.Authenticate(request, keys)?.AccountId;

    async Task<VpnGatewayView> ViewAsync(VpnGateway g, CancellationToken ct) =>
        new(g.VpnGatewayId, g.Name, g.Kind, g.Version, g.PublicIp, g.VpcCidrs, g.SmCertificatesBound, g.BgpEnabled,
            await routes.ListDestinationRoutesAsync(g.AccountId, g.VpnGatewayId, ct),
            await routes.ListPolicyRoutesAsync(g.AccountId, g.VpnGatewayId, ct));
}
