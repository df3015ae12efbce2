using System.Net;
using System.Text.Json.Nodes;
using Ipsec.ControlPlane.Tests.Fixtures;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Http;

/// <summary>Every bad request gets a clear error with a code and the field, and nothing is stored.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class RequestRejectionTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task No_key_or_a_wrong_key_is_401()
    {
        runtime.Require();
        Assert.Equal(HttpStatusCode.Unauthorized, (await runtime.Client(null).Get("/api/connections")).Status);
        var wrong = runtime.Client(null);
        wrong.DefaultRequestHeaders.Add("x-functions-key", "not-a-key");
        var r = await wrong.Get("/api/vpn-gateways");
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal("Unauthorized", r.Body.Str("code"));
        // the key in the code query parameter works, as in Azure Functions
        var byQuery = await runtime.Client(null).Get($"/api/connections?code={LocalRuntimeFixture.KeyOf("carol")}");
        Assert.Equal(HttpStatusCode.OK, byQuery.Status);
    }

    public static TheoryData<string, string, string> BadConnections => new()
    {
        // (json patch applied to a valid body, expected field, expected code prefix)
        { """{"name":"1-starts-with-digit"}""", "name", "InvalidParameter" },
        { """{"name":"a"}""", "name", "InvalidParameter" },
        { """{"localSubnets":["172.16.1.0/33"]}""", "localSubnets[0]", "InvalidParameter" },
        { """{"ikeConfig":{"ikeVersion":"ikev1"}}""", "localSubnets", "InvalidParameter" },
        { """{"ikeConfig":{"ikeLifetime":0}}""", "ikeConfig.ikeLifetime", "InvalidParameter" },
        { """{"ikeConfig":{"ikeLifetime":"long"}}""", "ikeConfig.ikeLifetime", "InvalidParameter" },
        { """{"ikeConfig":{"ikeEncAlg":"sm4"}}""", "ikeConfig.ikeEncAlg", "InvalidParameter" },
        { """{"psk":"has space"}""", "psk", "InvalidParameter" },
        { """{"customerGatewayId":"cgw-doesnotexist"}""", "customerGatewayId", "" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadConnections))]
    public async Task Invalid_connection_is_400_with_code_and_field_and_stores_nothing(string overrides, string field, string codePrefix)
    {
        runtime.Require();
        var http = runtime.Client("carol");
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();
        var body = Api.ConnectionBody(gw, cgw);
        foreach (var (k, v) in JsonNode.Parse(overrides)!.AsObject()) body[k] = v?.DeepClone();

        var r = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Contains(r.Body.GetProperty("errors").EnumerateArray(), e => e.Str("field") == field && e.Str("code").StartsWith(codePrefix, StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(r.Body.Str("message")));
        Assert.Equal(0, (await http.Get($"/api/connections?vpnGatewayId={gw}")).Body.GetProperty("connections").GetArrayLength());
    }

    [SkippableTheory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task Malformed_bodies_are_400(string raw)
    {
        runtime.Require();
        var r = await runtime.Client("carol").Send(HttpMethod.Post, "/api/connections", raw.Length == 0 ? null : raw);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Contains(r.Body.Str("code"), new[] { "InvalidParameter.Body", "MissingParameter.Body" });
    }

    [SkippableFact]
    public async Task Allow_listed_features_are_403_until_the_operator_allows_them()
    {
        runtime.Require();
        var http = runtime.Client("dave");
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();
        var body = Api.ConnectionBody(gw, cgw);
        body["enableDpd"] = false;

        var refused = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("enableDpd", refused.Body.Str("field"));
        Assert.Contains("Dpd", refused.Body.Str("code"));

        // only the operator key may change the allow-list
        var account = LocalRuntimeFixture.AccountOf("dave");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.Send(HttpMethod.Put, $"/api/admin/accounts/{account}", new { features = new[] { "dpd" } })).Status);
        var put = await runtime.Client("operator").Send(HttpMethod.Put, $"/api/admin/accounts/{account}", new { features = new[] { "dpd" } });
        Assert.Equal(HttpStatusCode.OK, put.Status);

        var accepted = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var c = await http.WaitFor($"/api/connections/{accepted.Body.Str("connectionId")}", x => x.Body.Str("provisioningState") == "active");
        Assert.False(c.Body.GetProperty("enableDpd").GetBoolean());

        // the allow-list is enforced on every switch: NAT traversal is still not allowed
        var patch = await http.Patch($"/api/connections/{accepted.Body.Str("connectionId")}", new { enableNatTraversal = false });
        Assert.Equal(HttpStatusCode.Forbidden, patch.Status);
        Assert.Equal("enableNatTraversal", patch.Body.Str("field"));
    }

    [SkippableFact]
    public async Task Invalid_gateways_are_400_and_unknown_ids_are_404()
    {
        runtime.Require();
        var http = runtime.Client("carol");
        var r = await http.Post("/api/vpn-gateways", new { name = "gw", publicIp = "999.1.1.1", vpcCidrs = new[] { "172.16.0.0/16" } });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("publicIp", r.Body.Str("field"));
        var c = await http.Post("/api/customer-gateways", new { name = "cgw", ipAddress = "not-an-ip" });
        Assert.Equal(HttpStatusCode.BadRequest, c.Status);
        Assert.Equal("ipAddress", c.Body.Str("field"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.Get("/api/vpn-gateways/vpn-nothere")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await http.Get("/api/connections/ipsec-nothere")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await http.Get("/api/connections/..%2F..%2Fetc")).Status);
    }
}
