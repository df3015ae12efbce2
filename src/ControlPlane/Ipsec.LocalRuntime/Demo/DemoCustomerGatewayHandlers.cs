using Ipsec.ControlPlane.Access;
using Ipsec.ControlPlane.Connections;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Http;
using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// <c>/api/demo/customer-gateways/{connectionId}</c>, local runtime only: POST starts (or restarts) the customer side of
/// a connection (<c>?peer=strongswan|engine</c>), DELETE stops it abruptly, GET shows which peer runs and its SAs. Same
/// key authentication as the API; another account's connection is 404, exactly as if it did not exist. A demo peer may
/// outlive its connection (to show that the delete left it no SA), and stays visible to the account that started it.
/// </summary>
sealed class DemoCustomerGatewayHandlers(ApiKeyDirectory keys, ConnectionStore connections, PskPeerSideLoader peerSides,
    DemoCustomerGateways demo, EngineSettings engine)
{
    const string Resource = "DemoCustomerGateway";

    public async Task<IActionResult> StartAsync(HttpRequest request, string connectionId, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        if (!DemoPeerKinds.TryParse(request.Query["peer"].FirstOrDefault(), out var kind))
            return ApiResults.Error(400, "InvalidParameter.Peer", "peer", "peer is strongswan or engine (absent: strongswan where it can run here, else engine)");
        var (lookup, peer) = await peerSides.LoadAsync(accountId, connectionId, ct);
        switch (lookup)
        {
            case PskPeerSideLookup.NotFound: return ApiResults.NotFound("Connection", connectionId);
            case PskPeerSideLookup.SmGateway:
                return ApiResults.Conflict("UnsupportedOperation.DemoSm", "the demo customer gateway speaks PSK only; an sm connection comes up against our engine with the customer PKI in tests/Interop.Tests/ControlPlane/SmConnectionTests");
            case PskPeerSideLookup.PskNotProvisioned:
                return ApiResults.Conflict("IncorrectState.PskNotProvisioned", "the connection's PSK is not provisioned yet; try again when it is active");
        }
        var r = peer!.Record;
        var spec = new GatewayConnectionSpec(accountId, connectionId, peer.Gateway.PublicIp, peer.Customer.IpAddress, r.Settings, peer.Psk);
        // exactly what GET /api/connections/{id}/peer-config?format=strongswan returns
        string conf = WithGatewayPort(peer.StrongSwanConf, peer.Gateway.PublicIp);
        try
        {
            return ApiResults.Json(await demo.StartAsync(accountId, new DemoConnection(spec, conf), kind, ct));
        }
        catch (DemoPeerException e)
        {
            return ApiResults.Conflict("DemoCustomerGateway.CannotStart", e.Message);
        }
    }

    public async Task<IActionResult> StopAsync(HttpRequest request, string connectionId, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        if (await Missing(accountId, connectionId, ct) is { } missing) return missing;
        return await demo.KillAsync(accountId, connectionId) is { } view ? ApiResults.Json(view) : NotRunning(connectionId);
    }

    public async Task<IActionResult> GetAsync(HttpRequest request, string connectionId, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        if (await Missing(accountId, connectionId, ct) is { } missing) return missing;
        try
        {
            return await demo.DescribeAsync(accountId, connectionId, ct) is { } view ? ApiResults.Json(view) : NotRunning(connectionId);
        }
        catch (DemoPeerException e)
        {
            return ApiResults.Conflict("DemoCustomerGateway.Unavailable", e.Message);
        }
    }

    /// <summary>404 unless the connection is the caller's, or the caller's demo peer still runs for it.</summary>
    async Task<IActionResult?> Missing(string accountId, string connectionId, CancellationToken ct) =>
        demo.IsRunningFor(accountId, connectionId) || await connections.GetAsync(accountId, connectionId, ct) is not null
            ? null
            : ApiResults.NotFound("Connection", connectionId);

    static IActionResult NotRunning(string connectionId) =>
        ApiResults.Error(404, $"NotFound.{Resource}", null,
            $"no demo customer gateway runs for connection {connectionId}; POST /api/demo/customer-gateways/{connectionId} starts one");

    /// <summary>The peer-config names the gateway's address only, so charon would send to 500; when the gateway engine
    /// listens elsewhere (Engine:IkePort, e.g. in tests) the demo tells charon where.</summary>
    string WithGatewayPort(string conf, string gatewayIp) =>
        engine.IkePort == 500 ? conf : conf.Replace($"remote_addrs = {gatewayIp}\n", $"remote_addrs = {gatewayIp}\n    remote_port = {engine.IkePort}\n", StringComparison.Ordinal);

    string? Account(HttpRequest request) => RequestReading.Authenticate(request, keys)?.AccountId;
}
