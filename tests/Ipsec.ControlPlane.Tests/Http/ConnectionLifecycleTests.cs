using System.Net;
using System.Text.Json;
using Ipsec.ControlPlane.Tests.Fixtures;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Http;

/// <summary>End to end over HTTP on the local runtime with Azurite: the README's walkthrough.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class ConnectionLifecycleTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task Create_status_list_modify_delete()
    {
        runtime.Require();
        var http = runtime.Client("alice");
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();

        // create: 202, the durable management payload, Location of the connection, the new id
        var body = Api.ConnectionBody(gw, cgw);
        body["psk"] = "s3cret-Key!";
        body["ikeConfig"] = new System.Text.Json.Nodes.JsonObject { ["ikeAuthAlg"] = "md5" };
        var created = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        string id = created.Body.Str("connectionId");
        Assert.Equal($"/api/connections/{id}", created.Raw.Headers.Location!.OriginalString);
        foreach (var field in new[] { "id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
            Assert.False(string.IsNullOrEmpty(created.Body.Str(field)), field);
        Assert.Contains(created.Body.GetProperty("warnings").EnumerateArray(), w => w.Str("field") == "ikeConfig.ikeAuthAlg");

        // the workflow finishes: active, and honestly not negotiated — the gateway's public IP is not an address of
        // this host, so its engine cannot listen there, and the status says exactly that
        var connection = await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");
        Assert.Equal("ike_sa_not_established", connection.Body.Str("status"));
        Assert.Contains("cannot listen on 47.100.1.1", connection.Body.Str("statusReason"));
        Assert.Equal("s3cret-Key!", connection.Body.Str("psk"));
        Assert.Equal("ikev2", connection.Body.GetProperty("ikeConfig").Str("ikeVersion"));
        Assert.Equal("47.100.1.1", connection.Body.GetProperty("ikeConfig").Str("localId"));

        // the durable status URL (same shape as Durable Functions): completed with the workflow's output
        var status = await http.WaitFor(new Uri(created.Body.Str("statusQueryGetUri")).PathAndQuery, r => r.Status != HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal("Completed", status.Body.Str("runtimeStatus"));
        Assert.Equal(id, status.Body.Str("instanceId"));

        // the connection's watch loop runs (fixed instance id per connection)
        var watch = await http.Get($"/runtime/webhooks/durabletask/instances/{id}-watch");
        Assert.Equal(HttpStatusCode.Accepted, watch.Status);
        Assert.Equal("ConnectionWatchOrchestrator", watch.Body.Str("name"));

        // protectedFlows: one unpublished policy route per local x remote pair
        var gateway = await http.Get($"/api/vpn-gateways/{gw}");
        var routes = gateway.Body.GetProperty("policyRoutes").EnumerateArray().Where(r => r.Str("connectionId") == id).ToList();
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.False(r.GetProperty("published").GetBoolean()));

        // list: filtered by gateway, and never with the PSK
        var list = await http.Get($"/api/connections?vpnGatewayId={gw}");
        var listed = Assert.Single(list.Body.GetProperty("connections").EnumerateArray());
        Assert.Equal(id, listed.Str("connectionId"));
        Assert.True(!listed.TryGetProperty("psk", out var psk) || psk.ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain("s3cret-Key!", list.Body.GetRawText());

        // the customer gateway's strongSwan configuration, matching the connection (mirrored ids and subnets, the PSK)
        var peerConfig = await http.GetAsync($"/api/connections/{id}/peer-config?format=strongswan");
        Assert.Equal(HttpStatusCode.OK, peerConfig.StatusCode);
        string swanctl = await peerConfig.Content.ReadAsStringAsync();
        Assert.Contains("proposals = aes128-md5-modp2048", swanctl);
        Assert.Contains("local_ts = 10.10.0.0/16", swanctl);
        Assert.Contains("remote_ts = 172.16.1.0/24,172.16.2.0/24", swanctl);
        Assert.Contains("secret = \"s3cret-Key!\"", swanctl);
        Assert.Contains("local_addrs = 203.0.113.10", swanctl);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.Get($"/api/connections/{id}/peer-config?format=cisco")).Status);

        // modify: one remote subnet more → a third policy route
        var patched = await http.Patch($"/api/connections/{id}", new { remoteSubnets = new[] { "10.10.0.0/16", "10.20.0.0/16" }, name = "conn-renamed" });
        Assert.Equal(HttpStatusCode.Accepted, patched.Status);
        var modified = await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active" && r.Body.Str("name") == "conn-renamed");
        Assert.Equal(2, modified.Body.GetProperty("remoteSubnets").GetArrayLength());
        gateway = await http.Get($"/api/vpn-gateways/{gw}");
        Assert.Equal(4, gateway.Body.GetProperty("policyRoutes").EnumerateArray().Count(r => r.Str("connectionId") == id));

        // delete: 202, then gone, and its routes with it
        var deleted = await http.Delete($"/api/connections/{id}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.Status);
        await http.WaitFor($"/api/connections/{id}", r => r.Status == HttpStatusCode.NotFound);
        gateway = await http.Get($"/api/vpn-gateways/{gw}");
        Assert.DoesNotContain(gateway.Body.GetProperty("policyRoutes").EnumerateArray(), r => r.Str("connectionId") == id);

        // ...and its watch loop ended
        var ended = await http.WaitFor($"/runtime/webhooks/durabletask/instances/{id}-watch", r => r.Status == HttpStatusCode.OK);
        Assert.Equal("Completed", ended.Body.Str("runtimeStatus"));

        // every state change was published, in order, each once
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!runtime.EventsFor(id).Any(e => e.Str("to") == "deleted") && DateTime.UtcNow < deadline) await Task.Delay(100);
        var events = runtime.EventsFor(id);
        var provisioning = events.Where(e => e.Str("type") == "ProvisioningStateChanged").Select(e => e.Str("to")).ToList();
        Assert.Equal(["creating", "active", "updating", "active", "deleting", "deleted"], provisioning);
        Assert.Equal(events.Count, events.Select(e => e.Str("eventId")).Distinct().Count());
        Assert.All(events, e => Assert.Equal(LocalRuntimeFixture.AccountOf("alice"), e.Str("accountId")));
    }

    [SkippableFact]
    public async Task Destination_routing_adds_no_routes_and_legacy_gateways_refuse_routing_mode()
    {
        runtime.Require();
        var http = runtime.Client("alice");
        string gw = await http.CreateVpnGateway();
        string legacy = await http.CreateVpnGateway(version: "legacy");
        string cgw = await http.CreateCustomerGateway();

        var body = Api.ConnectionBody(gw, cgw, "dest-mode");
        body.Remove("routingMode");
        body["localSubnets"] = new System.Text.Json.Nodes.JsonArray("172.16.1.0/24");
        var created = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var c = await http.WaitFor($"/api/connections/{created.Body.Str("connectionId")}", r => r.Body.Str("provisioningState") == "active");
        Assert.Equal("destination", c.Body.Str("routingMode"));
        Assert.Equal(0, (await http.Get($"/api/vpn-gateways/{gw}")).Body.GetProperty("policyRoutes").GetArrayLength());

        var onLegacy = Api.ConnectionBody(legacy, cgw, "legacy-conn");
        var refused = await http.Post("/api/connections", onLegacy);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("routingMode", refused.Body.Str("field"));
    }
}
