using System.Net;
using Ipsec.ControlPlane.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Workflows;

/// <summary>The local runtime's <c>--backend memory</c> option: durable state in memory, the same workflows and routes.</summary>
public sealed class InMemoryBackendTests
{
    [SkippableFact]
    public async Task A_connection_is_created_and_deleted_with_the_in_memory_durable_backend()
    {
        TestStorage.RequireAzurite();   // tables and queues stay on Azurite; only durable state is in memory
        await using var factory = new WebApplicationFactory<Ipsec.LocalRuntime.LocalManagementPayloadFactory>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in LocalRuntimeFixture.Settings()) b.UseSetting(k, v);
            b.UseSetting("backend", "memory");
            b.UseSetting("RequestQueue:Enabled", "false");
            b.UseSetting("grpc-port", Random.Shared.Next(43000, 44000).ToString());
        });
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", LocalRuntimeFixture.KeyOf("heidi"));
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();
        var created = await http.Post("/api/connections", Api.ConnectionBody(gw, cgw, "in-memory"));
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        string id = created.Body.Str("connectionId");
        await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");
        var status = await http.WaitFor($"/runtime/webhooks/durabletask/instances/{id}", r => r.Status == HttpStatusCode.OK);
        Assert.Equal("Completed", status.Body.Str("runtimeStatus"));
        Assert.Equal(HttpStatusCode.Accepted, (await http.Delete($"/api/connections/{id}")).Status);
        await http.WaitFor($"/api/connections/{id}", r => r.Status == HttpStatusCode.NotFound);
    }
}
