using System.Net;
using Ipsec.ControlPlane.Tests.Fixtures;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Http;

/// <summary>Another account's resource is indistinguishable from a missing one.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class AccountIsolationTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task Two_accounts_cannot_see_or_use_each_others_resources()
    {
        runtime.Require();
        var erin = runtime.Client("erin");
        var frank = runtime.Client("frank");
        string gw = await erin.CreateVpnGateway();
        string cgw = await erin.CreateCustomerGateway();
        var created = await erin.Post("/api/connections", Api.ConnectionBody(gw, cgw));
        string id = created.Body.Str("connectionId");
        await erin.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");

        // reads: 404 with the same body a missing id gets
        var theirs = await frank.Get($"/api/connections/{id}");
        var missing = await frank.Get("/api/connections/ipsec-aaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
        Assert.Equal(missing.Body.Str("code"), theirs.Body.Str("code"));
        Assert.Equal(HttpStatusCode.NotFound, (await frank.Get($"/api/vpn-gateways/{gw}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await frank.Get($"/api/customer-gateways/{cgw}")).Status);
        Assert.Equal(0, (await frank.Get("/api/connections")).Body.GetProperty("connections").GetArrayLength());
        Assert.Equal(0, (await frank.Get("/api/vpn-gateways")).Body.GetProperty("vpnGateways").GetArrayLength());

        // writes: modify and delete of erin's connection look like a missing connection
        Assert.Equal(HttpStatusCode.NotFound, (await frank.Patch($"/api/connections/{id}", new { name = "hijack" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await frank.Delete($"/api/connections/{id}")).Status);

        // and erin's gateway does not resolve for frank's create
        var frankCgw = await frank.CreateCustomerGateway();
        var onErinsGateway = await frank.Post("/api/connections", Api.ConnectionBody(gw, frankCgw));
        Assert.Equal(HttpStatusCode.BadRequest, onErinsGateway.Status);
        Assert.Equal("vpnGatewayId", onErinsGateway.Body.Str("field"));

        // the durable status of erin's create is not frank's to read
        var status = await frank.Get(new Uri(created.Body.Str("statusQueryGetUri")).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, status.Status);

        var mine = await erin.Get($"/api/connections/{id}");
        Assert.Equal("conn-1", mine.Body.Str("name"));
    }
}
