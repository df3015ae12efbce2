using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Fixtures;

/// <summary>Small helpers for calling the API the way a user's curl would.</summary>
public static class Api
{
    public sealed record Response(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Raw);

    public static async Task<Response> Send(this HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body is string s ? s : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Response(response.StatusCode, json, response);
    }

    public static Task<Response> Post(this HttpClient http, string path, object body) => http.Send(HttpMethod.Post, path, body);
    public static Task<Response> Get(this HttpClient http, string path) => http.Send(HttpMethod.Get, path);
    public static Task<Response> Patch(this HttpClient http, string path, object body) => http.Send(HttpMethod.Patch, path, body);
    public static Task<Response> Delete(this HttpClient http, string path) => http.Send(HttpMethod.Delete, path);

    public static async Task<string> CreateVpnGateway(this HttpClient http, string kind = "standard", string version = "current", string publicIp = "47.100.1.1")
    {
        var r = await http.Post("/api/vpn-gateways", new { name = "vpc-gw", kind, version, publicIp, vpcCidrs = new[] { "172.16.0.0/16" } });
        Assert.True(r.Status == HttpStatusCode.Created, r.Body.ToString());
        return r.Body.GetProperty("vpnGatewayId").GetString()!;
    }

    public static async Task<string> CreateCustomerGateway(this HttpClient http, string ip = "203.0.113.10")
    {
        var r = await http.Post("/api/customer-gateways", new { name = "idc-gw", ipAddress = ip });
        Assert.True(r.Status == HttpStatusCode.Created, r.Body.ToString());
        return r.Body.GetProperty("customerGatewayId").GetString()!;
    }

    public static JsonObject ConnectionBody(string vpnGatewayId, string customerGatewayId, string name = "conn-1") => new()
    {
        ["name"] = name,
        ["vpnGatewayId"] = vpnGatewayId,
        ["customerGatewayId"] = customerGatewayId,
        ["routingMode"] = "protectedFlows",
        ["localSubnets"] = new JsonArray("172.16.1.0/24", "172.16.2.0/24"),
        ["remoteSubnets"] = new JsonArray("10.10.0.0/16"),
    };

    /// <summary>Polls until <paramref name="done"/> holds (the workflow runs asynchronously); fails after 60 s.</summary>
    public static async Task<Response> WaitFor(this HttpClient http, string path, Func<Response, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Response last;
        do
        {
            last = await http.Get(path);
            if (done(last)) return last;
            await Task.Delay(150);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"{path} did not reach the expected state in {seconds} s; last: {(int)last.Status} {last.Body}");
        return last;
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
