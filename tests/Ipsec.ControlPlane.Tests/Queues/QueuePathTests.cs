using System.Text.Json;
using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Tests.Fixtures;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Queues;

/// <summary>A creation request may arrive on the requests queue: same validation as HTTP; a bad one goes to the error
/// queue with its reason (and its PSK masked).</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class QueuePathTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task A_queued_request_creates_the_connection_and_a_bad_one_lands_in_the_error_queue()
    {
        runtime.Require();
        var http = runtime.Client("bob");
        string gw = await http.CreateVpnGateway();
        string cgw = await http.CreateCustomerGateway();
        var requests = runtime.Storage.Queue(StorageNames.RequestsQueue);

        var good = Api.ConnectionBody(gw, cgw, "from-queue");
        good["keyId"] = "bob";
        await requests.SendMessageAsync(good.ToJsonString());
        var listed = await http.WaitFor($"/api/connections?vpnGatewayId={gw}", r => r.Body.GetProperty("connections").GetArrayLength() == 1);
        string id = listed.Body.GetProperty("connections")[0].Str("connectionId");
        var c = await http.WaitFor($"/api/connections/{id}", r => r.Body.Str("provisioningState") == "active");
        Assert.Equal("from-queue", c.Body.Str("name"));

        string marker = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var bad = Api.ConnectionBody(gw, cgw, marker);
        bad["keyId"] = "bob";
        bad["psk"] = "topsecret-psk-" + marker;
        bad["ikeConfig"] = new System.Text.Json.Nodes.JsonObject { ["ikeLifetime"] = 100000 };
        await requests.SendMessageAsync(bad.ToJsonString());

        var rejected = await FindRejectedAsync(marker);
        Assert.Equal("ikeConfig.ikeLifetime", rejected.Str("field"));
        Assert.StartsWith("InvalidParameter", rejected.Str("code"));
        Assert.Equal("***", rejected.GetProperty("request").Str("psk"));
        Assert.DoesNotContain("topsecret", rejected.GetRawText());
        Assert.Single((await http.Get($"/api/connections?vpnGatewayId={gw}")).Body.GetProperty("connections").EnumerateArray());

        // an unknown key id is rejected too, never silently dropped
        var stranger = Api.ConnectionBody(gw, cgw, marker + "x");
        stranger["keyId"] = "nobody";
        await requests.SendMessageAsync(stranger.ToJsonString());
        Assert.Equal("keyId", (await FindRejectedAsync(marker + "x")).Str("field"));

        await requests.SendMessageAsync("this is not json " + marker);
        // not JSON: the reason names the body; the text itself is not echoed back
        var garbage = await FindRejectedAsync(null, r => r.GetProperty("request").ValueKind == JsonValueKind.Null && r.Str("code") == "InvalidParameter.Body");
        Assert.Equal("InvalidParameter.Body", garbage.Str("code"));
    }

    /// <summary>Reads the error queue until the rejection for our request shows up (other tests' messages are put back).</summary>
    async Task<JsonElement> FindRejectedAsync(string? name, Func<JsonElement, bool>? match = null)
    {
        var errors = runtime.Storage.Queue(StorageNames.RequestErrorsQueue);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var m in (await errors.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
            {
                var e = JsonDocument.Parse(m.Body.ToString()).RootElement.Clone();
                bool ours = match?.Invoke(e) ?? (e.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Object
                    && r.TryGetProperty("name", out var n) && n.GetString() == name);
                if (ours) { await errors.DeleteMessageAsync(m.MessageId, m.PopReceipt); return e; }
            }
            await Task.Delay(200);
        }
        Assert.Fail($"no rejection for {name} in the error queue");
        return default;
    }
}
