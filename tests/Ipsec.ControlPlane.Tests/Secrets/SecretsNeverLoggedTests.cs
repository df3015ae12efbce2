using System.Net;
using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Tests.Fixtures;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Secrets;

/// <summary>A PSK given over HTTP or on the queue, or generated, never shows up in any log line (all levels captured)
/// nor in plain text in the table row.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class SecretsNeverLoggedTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task Psks_do_not_reach_logs_or_storage_in_plain_text()
    {
        runtime.Require();
        var http = runtime.Client("alice");
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();

        string httpPsk = "HttpPsk-" + Guid.NewGuid().ToString("N")[..10];
        var body = Api.ConnectionBody(gw, cgw, "secret-http");
        body["psk"] = httpPsk;
        var created = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        string id = created.Body.Str("connectionId");
        await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");

        string queuePsk = "QueuePsk-" + Guid.NewGuid().ToString("N")[..10];
        var queued = Api.ConnectionBody(gw, cgw, "secret-queue");
        queued["psk"] = queuePsk;
        queued["keyId"] = "alice";
        queued["ikeConfig"] = new System.Text.Json.Nodes.JsonObject { ["ikeLifetime"] = -1 };   // rejected: goes to the error queue
        await runtime.Storage.Queue(StorageNames.RequestsQueue).SendMessageAsync(queued.ToJsonString());

        var generated = await http.Post("/api/connections", Api.ConnectionBody(gw, cgw, "secret-generated"));
        string generatedId = generated.Body.Str("connectionId");
        var g = await http.WaitFor($"/api/connections/{generatedId}", r => r.Body.Str("provisioningState") == "active");
        string generatedPsk = g.Body.Str("psk");
        Assert.Equal(16, generatedPsk.Length);

        // wait until the queue pump has handled the rejected message and logged about it
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!runtime.Logs.Lines.Any(l => l.Contains("rejected") && l.Contains("ikeConfig.ikeLifetime")) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var logs = string.Join("\n", runtime.Logs.Lines);
        Assert.Contains("rejected", logs);   // the rejection itself was logged...
        Assert.DoesNotContain(httpPsk, logs);  // ...but no PSK, at any level
        Assert.DoesNotContain(queuePsk, logs);
        Assert.DoesNotContain(generatedPsk, logs);

        var row = await runtime.Storage.Table(StorageNames.ConnectionsTable).GetEntityAsync<Azure.Data.Tables.TableEntity>(LocalRuntimeFixture.AccountOf("alice"), "conn:" + id);
        Assert.DoesNotContain(httpPsk, row.Value.GetString("Data"));
    }
}
