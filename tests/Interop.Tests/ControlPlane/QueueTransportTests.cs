using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Interop.Tests.Peers;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;
using static Interop.Tests.ControlPlane.ControlPlaneLab;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// The Azure path of the engine, run locally: the local runtime with <c>Engine:Transport=queues</c> sends every command
/// through its gateway's queue on Azurite to an in-process gateway agent, gets the answers back as durable external
/// events and the engine events through the <c>engine-events</c> queue — against a real strongSwan customer gateway
/// configured from the connection's own peer-config download.
/// </summary>
public sealed class QueueTransportTests(ITestOutputHelper output)
{
    /// <summary>The commands went through the gateway's own queue (created by the first command sent to it).</summary>
    static async Task AssertCommandQueueUsedAsync(JsonElement connection)
    {
        string gateway = connection.GetProperty("vpnGatewayId").GetString()!;
        var queue = new QueueClient(ControlPlaneLab.Storage, EngineTransportQueues.CommandQueueName(gateway));
        Assert.True((await queue.ExistsAsync()).Value, $"no command queue {queue.Name} for gateway {gateway}");
    }

    [SkippableFact]
    public async Task Create_reaches_ipsec_sa_established_and_delete_leaves_no_sa_on_either_side_over_the_queues()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start(ControlPlaneLab.QueuesTransport);
        string id = await lab.CreateConnectionAsync("q-up", new() { ["ikeConfig"] = new { ikeEncAlg = "aes256", ikeAuthAlg = "sha384" } });

        // By "active" the create has awaited the agent's answer to its apply command and recorded it.
        var waiting = await lab.Get($"/api/connections/{id}");
        Assert.Equal("ike_sa_not_established", Status(waiting));
        Assert.Contains("configured in the gateway engine", Reason(waiting));
        await AssertCommandQueueUsedAsync(waiting);

        await using var customer = await StartCustomerAsync(await lab.PeerConfigAsync(id));
        var sw = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null)).StatusCode);
        var up = await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        output.WriteLine($"POST negotiate → ipsec_sa_established over the queues in {sw.ElapsedMilliseconds} ms");
        var history = up.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("field").GetString() == "status")
            .Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["ike_sa_established", "ipsec_sa_established"], history.TakeLast(2));
        var sa = Assert.Single(await customer.ListSasAsync());
        Assert.True(sa.IsEstablished, customer.Describe());
        Assert.Equal(("AES_CBC", 256), (sa.EncryptionAlgorithm, sa.EncryptionKeySize));
        Assert.True(Assert.Single(sa.ChildSas).IsInstalled);

        await lab.DeleteAndWaitGoneAsync(id);
        Assert.True(await customer.WaitForLogAsync("received DELETE for IKE_SA", TimeSpan.FromSeconds(10)), customer.Describe());
        Assert.Empty(await customer.ListSasAsync());
        // our side: the agent's engine no longer has the connection at all
        var ours = await lab.Services.GetRequiredService<InProcessGatewayEngines>().QueryAsync(ControlPlaneLab.AccountId, id, default);
        Assert.False(ours.Loaded);
    }

    [SkippableFact]
    public async Task A_proposal_mismatch_reaches_the_status_through_the_engine_events_queue()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start(ControlPlaneLab.QueuesTransport);
        string id = await lab.CreateConnectionAsync("q-mismatch", new());
        await AssertCommandQueueUsedAsync(await lab.Get($"/api/connections/{id}"));
        // The customer changed their device to aes256/sha1/modp1024: the connection still says aes/sha256/group14.
        string conf = (await lab.PeerConfigAsync(id)).Replace("proposals = aes128-sha256-modp2048", "proposals = aes256-sha1-modp1024");
        await using var customer = await StartCustomerAsync(conf);
        Assert.Equal(HttpStatusCode.Accepted, (await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null)).StatusCode);
        var failed = await lab.WaitFor(id, c => Reason(c).Contains("NO_PROPOSAL_CHOSEN"), TimeSpan.FromSeconds(30));
        Assert.Equal("ike_sa_not_established", Status(failed));
        Assert.StartsWith("IKE_SA_INIT: NO_PROPOSAL_CHOSEN", Reason(failed));
        Assert.Contains("aes/sha256/modp2048", Reason(failed));
        output.WriteLine(Reason(failed));
    }

    [SkippableFact]
    public async Task A_modify_to_effect_immediately_brings_the_tunnel_up_and_after_a_restart_the_watch_loop_restores_it_over_the_queues()
    {
        PeerEnvironment.SkipUnlessAvailable();
        ControlPlaneLab.SkipUnlessStorage();
        await using var addresses = await LoopbackAddresses.AddAsync(ControlPlaneLab.CustomerIp, "127.0.51.1");
        await using var lab = ControlPlaneLab.Start(ControlPlaneLab.QueuesTransport);
        string id = await lab.CreateConnectionAsync("q-restart", new());
        await using var customer = await StartCustomerAsync(await lab.PeerConfigAsync(id));
        var patch = await lab.Http.PatchAsync($"/api/connections/{id}",
            new StringContent("""{"effectImmediately":true}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        // the modify's apply goes through the gateway's queue; effectImmediately makes the agent's engine initiate
        await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        Assert.True(Assert.Single(await customer.ListSasAsync()).IsEstablished, customer.Describe());

        // The agent's engine goes with the old runtime. The woken watch loop asks the new agent (query: not loaded),
        // then sends the connection again (apply), each answer awaited as an external event.
        await lab.RestartAsync();
        var again = await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established"
            && c.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("reason").GetString()!.Contains("configured again")),
            // Usually seconds. A restart can catch the watch loop's first round in a state where DTFx (Azure Storage
            // provider) keeps returning its timer message as "out of order", so that round's answer is only taken after
            // the 60 s answer timeout and the next round repairs the tunnel: allow for that (known issue, not yet fixed).
            TimeSpan.FromSeconds(150));
        output.WriteLine(Reason(again));
        var watch = JsonDocument.Parse(await lab.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{id}-watch")).RootElement;
        Assert.Equal("Running", watch.GetProperty("runtimeStatus").GetString());
    }
}
