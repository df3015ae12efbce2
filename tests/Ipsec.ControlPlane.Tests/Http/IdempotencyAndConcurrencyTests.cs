using System.Net;
using System.Text.Json.Nodes;
using Ipsec.ControlPlane.Tests.Fixtures;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Http;

[Collection(LocalRuntimeCollection.Name)]
public sealed class IdempotencyAndConcurrencyTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task A_retried_create_with_the_same_client_token_returns_the_same_connection()
    {
        runtime.Require();
        var http = runtime.Client("grace");
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();
        var body = Api.ConnectionBody(gw, cgw);
        body["clientToken"] = "retry-" + Guid.NewGuid();

        var first = await http.Post("/api/connections", body);
        var second = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.Equal(first.Body.Str("connectionId"), second.Body.Str("connectionId"));
        Assert.Single((await http.Get($"/api/connections?vpnGatewayId={gw}")).Body.GetProperty("connections").EnumerateArray());

        // the same token with different parameters is a conflict, not a second connection
        var other = (JsonObject)body.DeepClone();
        other["name"] = "different";
        var mismatch = await http.Post("/api/connections", other);
        Assert.Equal(HttpStatusCode.Conflict, mismatch.Status);
        Assert.Equal("IdempotentParameterMismatch", mismatch.Body.Str("code"));

        // concurrent retries all land on one connection
        var token = "burst-" + Guid.NewGuid();
        body["clientToken"] = token;
        body["name"] = "burst";
        var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => http.Post("/api/connections", body)));
        Assert.All(burst, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Single(burst.Select(r => r.Body.Str("connectionId")).Distinct());
        Assert.Equal(2, (await http.Get($"/api/connections?vpnGatewayId={gw}")).Body.GetProperty("connections").GetArrayLength());
    }

    [SkippableFact]
    public async Task Of_two_concurrent_modifications_exactly_one_wins()
    {
        runtime.Require();
        var http = runtime.Client("grace");
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();
        var created = await http.Post("/api/connections", Api.ConnectionBody(gw, cgw, "race"));
        string id = created.Body.Str("connectionId");
        await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");

        // both writers read the same version and say so with If-Match, as a careful client does
        string etag = (await http.Get($"/api/connections/{id}")).Raw.Headers.ETag!.ToString();
        var results = await Task.WhenAll(PatchIfMatch(http, id, etag, "winner-a"), PatchIfMatch(http, id, etag, "winner-b"));
        Assert.Single(results, r => r.Status == HttpStatusCode.Accepted);
        Assert.Single(results, r => r.Status == HttpStatusCode.Conflict);
        string winner = results.Single(r => r.Status == HttpStatusCode.Accepted) == results[0] ? "winner-a" : "winner-b";
        var final = await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");
        Assert.Equal(winner, final.Body.Str("name"));

        // If-Match with a stale ETag is refused too
        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/connections/{id}") { Content = JsonContent("""{"name":"late"}""") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"W/stale\"");
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(stale)).StatusCode);
    }

    [SkippableFact]
    public async Task Bgp_cannot_be_switched_off_once_on()
    {
        runtime.Require();
        var http = runtime.Client("grace");
        var account = LocalRuntimeFixture.AccountOf("grace");
        await runtime.Client("operator").Send(HttpMethod.Put, $"/api/admin/accounts/{account}", new { features = new[] { "bgp" } });
        string gw = await http.CreateVpnGateway();
        var cgwCreated = await http.Post("/api/customer-gateways", new { name = "idc-bgp", ipAddress = "203.0.113.20", asn = 65010 });
        string cgw = cgwCreated.Body.Str("customerGatewayId");
        var body = Api.ConnectionBody(gw, cgw, "bgp-conn");
        body["bgpConfig"] = new JsonObject { ["enableBgp"] = true, ["tunnelCidr"] = "169.254.10.0/30", ["localBgpIp"] = "169.254.10.1" };
        var created = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        string id = created.Body.Str("connectionId");
        await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");

        var off = await http.Patch($"/api/connections/{id}", new { bgpConfig = new { enableBgp = false } });
        Assert.Equal(HttpStatusCode.BadRequest, off.Status);
        Assert.Equal("bgpConfig.enableBgp", off.Body.Str("field"));
        Assert.True((await http.Get($"/api/vpn-gateways/{gw}")).Body.GetProperty("bgpEnabled").GetBoolean());
    }

    static async Task<Api.Response> PatchIfMatch(HttpClient http, string id, string etag, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/connections/{id}")
        { Content = JsonContent(System.Text.Json.JsonSerializer.Serialize(new { name })) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new Api.Response(response.StatusCode, System.Text.Json.JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
