using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// The local runtime (real Program: HTTP routes, durable workflows on Azurite, in-process gateway engine on UDP) for
/// end-to-end tests against a real strongSwan customer gateway. The VPN gateway is 127.0.0.1 (engine on UDP
/// <see cref="EngineIkePort"/>/<see cref="EngineNatPort"/>), the customer gateway 127.0.0.2 (charon on
/// <see cref="PeerIkePort"/>/<see cref="PeerNatPort"/>). Needs the Azurite that tools/test.sh starts
/// (IPSEC_TEST_STORAGE); without it the tests skip, except in CI where they fail.
/// </summary>
public sealed class ControlPlaneLab : IAsyncDisposable
{
    public const string GatewayIp = "127.0.0.1", CustomerIp = "127.0.0.2";
    public const int EngineIkePort = 15900, EngineNatPort = 14900, PeerIkePort = 25900, PeerNatPort = 24900;
    public const int DpdIntervalSeconds = 2, DpdTimeoutSeconds = 6;
    static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    public static string AccountId => $"acct-{Run}";
    const string Key = "interop-key", OperatorKey = "interop-operator-key";

    WebApplicationFactory<Ipsec.LocalRuntime.LocalManagementPayloadFactory> factory;
    readonly string taskHub = "interop" + Guid.NewGuid().ToString("N")[..8];
    public HttpClient Http { get; private set; }

    /// <summary>The running runtime's services (e.g. its in-process gateway engines, to check our side's SAs).</summary>
    public IServiceProvider Services => factory.Services;

    readonly int peerIkePort;

    /// <summary>The local runtime's <c>Engine:Transport</c>: <c>inprocess</c> (its default) or <c>queues</c> (commands,
    /// answers and engine events through Azurite queues and an in-process gateway agent, as on Azure).</summary>
    public string Transport { get; }

    ControlPlaneLab(int peerIkePort = PeerIkePort, string transport = InProcessTransport)
    {
        this.peerIkePort = peerIkePort;
        Transport = transport;
        factory = Create(taskHub, peerIkePort, transport);
        Http = Client(factory);
    }

    static HttpClient Client(WebApplicationFactory<Ipsec.LocalRuntime.LocalManagementPayloadFactory> f)
    {
        var http = f.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", Key);
        return http;
    }

    /// <summary>Stops the runtime (its in-process engine and all) and starts a new one on the same task hub and storage.</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        await factory.DisposeAsync();
        factory = Create(taskHub, peerIkePort, Transport);
        Http = Client(factory);
    }

    public static string? Storage => Environment.GetEnvironmentVariable("IPSEC_TEST_STORAGE") is { Length: > 0 } s ? s : null;

    public static void SkipUnlessStorage()
    {
        if (Storage is not null) return;
        const string message = "no test Azurite: run tools/test.sh (it starts one and sets IPSEC_TEST_STORAGE)";
        if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(message);
        throw new SkipException(message);
    }

    public static ControlPlaneLab Start() => new();

    /// <summary>A lab whose engine sends to the customer gateway's port <paramref name="peerIkePort"/> (500 for a
    /// charon alone in its network namespace) instead of <see cref="PeerIkePort"/>.</summary>
    public static ControlPlaneLab Start(int peerIkePort) => new(peerIkePort);

    public const string InProcessTransport = "inprocess", QueuesTransport = "queues";

    /// <summary>A lab whose control plane reaches its gateway engine over <paramref name="transport"/>.</summary>
    public static ControlPlaneLab Start(string transport) => new(PeerIkePort, transport);

    static WebApplicationFactory<Ipsec.LocalRuntime.LocalManagementPayloadFactory> Create(string taskHub, int peerIkePort, string transport) =>
        new WebApplicationFactory<Ipsec.LocalRuntime.LocalManagementPayloadFactory>().WithWebHostBuilder(b =>
        {
            b.UseSetting("AzureWebJobsStorage", Storage!);
            b.UseSetting("taskhub", taskHub);
            b.UseSetting("grpc-port", FreePort().ToString());
            b.UseSetting("RequestQueue:Enabled", "false");
            b.UseSetting($"ApiKeys:interop:Key", Key);
            b.UseSetting($"ApiKeys:interop:AccountId", AccountId);
            b.UseSetting("OperatorKey", OperatorKey);
            b.UseSetting("Engine:IkePort", EngineIkePort.ToString());
            b.UseSetting("Engine:NatPort", EngineNatPort.ToString());
            b.UseSetting("Engine:PeerIkePort", peerIkePort.ToString());
            b.UseSetting("Engine:DpdIntervalSeconds", DpdIntervalSeconds.ToString());
            b.UseSetting("Engine:DpdTimeoutSeconds", DpdTimeoutSeconds.ToString());
            b.UseSetting("Engine:Transport", transport);
        });

    public async Task<JsonElement> Post(string path, object body)
    {
        var r = await Http.PostAsJsonAsync(path, body);
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{path}: {(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The operator puts the lab account on the allow-list for these features (PRODUCT.md §2).</summary>
    public async Task AllowFeaturesAsync(params string[] features)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/accounts/{AccountId}") { Content = JsonContent.Create(new { features }) };
        request.Headers.Add("x-functions-key", OperatorKey);
        using var operatorClient = factory.CreateClient();
        var r = await operatorClient.SendAsync(request);
        Assert.True(r.IsSuccessStatusCode, $"PUT account features: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    public static string Status(JsonElement connection) => connection.GetProperty("status").GetString()!;
    public static string Reason(JsonElement connection) => connection.GetProperty("statusReason").GetString()!;

    /// <summary>A strongSwan customer gateway on <see cref="CustomerIp"/> with the given swanctl.conf.</summary>
    public static Task<Peers.StrongSwanPeer> StartCustomerAsync(string swanctlConf) => Peers.StrongSwanPeer.StartAsync(new Peers.StrongSwanPeerOptions
    {
        Name = "customer", IkePort = PeerIkePort, NatTraversalPort = PeerNatPort, SwanctlConf = swanctlConf,
    });

    /// <summary>DELETE the connection and wait until the API no longer knows it.</summary>
    public async Task DeleteAndWaitGoneAsync(string id)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Http.DeleteAsync($"/api/connections/{id}")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Http.GetAsync($"/api/connections/{id}")).StatusCode != HttpStatusCode.NotFound && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/connections/{id}")).StatusCode);
    }

    public async Task<JsonElement> Get(string path) => JsonDocument.Parse(await Http.GetStringAsync(path)).RootElement.Clone();

    /// <summary>Creates a gateway on 127.0.0.1, a customer gateway on 127.0.0.2 and a connection (merged with
    /// <paramref name="overrides"/>); waits until it is active and returns its id.</summary>
    public async Task<string> CreateConnectionAsync(string name, Dictionary<string, object?> overrides, string gatewayIp = GatewayIp, string customerIp = CustomerIp,
        long? customerAsn = null)
    {
        string gw = (await Post("/api/vpn-gateways", new { name = "lab-gw", publicIp = gatewayIp, vpcCidrs = new[] { "172.16.0.0/16" } })).GetProperty("vpnGatewayId").GetString()!;
        string cgw = (await Post("/api/customer-gateways", new { name = "lab-idc", ipAddress = customerIp, asn = customerAsn })).GetProperty("customerGatewayId").GetString()!;
        var body = new Dictionary<string, object?>
        {
            ["name"] = name, ["vpnGatewayId"] = gw, ["customerGatewayId"] = cgw,
            ["localSubnets"] = new[] { "172.16.50.0/24" }, ["remoteSubnets"] = new[] { "127.0.51.0/24" },
            ["psk"] = "lab-psk-" + name,
        };
        foreach (var (k, v) in overrides) body[k] = v;
        string id = (await Post("/api/connections", body)).GetProperty("connectionId").GetString()!;
        await WaitFor(id, c => c.GetProperty("provisioningState").GetString() == "active", TimeSpan.FromSeconds(60));
        return id;
    }

    /// <summary>The customer side from the API's peer-config, pointed at the engine's test port.</summary>
    public async Task<string> PeerConfigAsync(string id, string gatewayIp = GatewayIp)
    {
        string conf = await Http.GetStringAsync($"/api/connections/{id}/peer-config?format=strongswan");
        return conf.Replace($"remote_addrs = {gatewayIp}", $"remote_addrs = {gatewayIp}\n    remote_port = {EngineIkePort}");
    }

    /// <summary>The part of a connection a failed wait needs first (a CI log cuts long lines): states, reason and the
    /// last history entries, then the whole resource.</summary>
    static string Summary(JsonElement c)
    {
        string Prop(string name) => c.TryGetProperty(name, out var v) ? v.ToString() : "?";
        var history = c.TryGetProperty("history", out var h)
            ? string.Join(" | ", h.EnumerateArray().TakeLast(8).Select(e => $"{Field(e, "at")} {Field(e, "field")}: {Field(e, "from")} -> {Field(e, "to")} ({Field(e, "reason")})"))
            : "";
        return $"last: provisioningState={Prop("provisioningState")} status={Prop("status")} statusReason={Prop("statusReason")}; history: {history}; resource: {c}";
    }

    static string Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : "";

    public async Task<JsonElement> WaitFor(string id, Func<JsonElement, bool> done, TimeSpan timeout, int pollMilliseconds = 100)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last;
        do
        {
            last = await Get($"/api/connections/{id}");
            if (done(last)) return last;
            await Task.Delay(pollMilliseconds);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"connection {id} did not reach the expected state within {timeout.TotalSeconds} s; {Summary(last)}");
        return last;
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await factory.DisposeAsync();
    }
}
