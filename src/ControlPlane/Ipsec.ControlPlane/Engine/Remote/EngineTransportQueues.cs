using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Queues;
using Ipsec.ControlPlane.Storage;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>
/// The queues between the control plane and the gateway agents, all in the control plane's storage account: one
/// command queue per VPN gateway (so each agent reads only its own gateway's commands), one results queue and one
/// engine-events queue shared by all agents.
/// </summary>
public sealed class EngineTransportQueues(StorageClients storage)
{
    const int MaxQueueName = 63;
    readonly ConcurrentDictionary<string, Task> created = new();

    public QueueClient Results => storage.Queue(StorageNames.EngineResultsQueue);
    public QueueClient Events => storage.Queue(StorageNames.EngineEventsQueue);

    /// <summary>The gateway's command queue, created the first time this process uses it (one transaction per gateway
    /// and process; infra cannot create it because gateways are created at run time).</summary>
    public async Task<QueueClient> CommandsAsync(string vpnGatewayId, CancellationToken ct)
    {
        var queue = storage.Queue(CommandQueueName(vpnGatewayId));
        var creating = created.GetOrAdd(queue.Name, _ => queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
        try { await creating.WaitAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            created.TryRemove(queue.Name, out _);   // a transient failure must not stick for the life of the process
            throw;
        }
        return queue;
    }

    /// <summary>Creates the shared queues (idempotent; infra creates them on Azure).</summary>
    public async Task EnsureSharedQueuesAsync(CancellationToken ct)
    {
        await Results.CreateIfNotExistsAsync(cancellationToken: ct);
        await Events.CreateIfNotExistsAsync(cancellationToken: ct);
    }

    /// <summary>
    /// <c>engine-commands-{gateway id}</c> within the queue naming rules: 3–63 characters, lowercase letters, digits and
    /// single hyphens, starting and ending with a letter or digit ("Naming Queues and Metadata", Azure Storage REST
    /// reference). Ids the store generates ("vpn-" + 20 base32 characters) pass unchanged; any other id is folded to
    /// those characters and gets a hash of the original appended, so two ids that fold alike still get two queues.
    /// </summary>
    public static string CommandQueueName(string vpnGatewayId)
    {
        ArgumentException.ThrowIfNullOrEmpty(vpnGatewayId);
        string prefix = StorageNames.EngineCommandsQueuePrefix;
        var folded = new StringBuilder(vpnGatewayId.Length);
        foreach (char c in vpnGatewayId.ToLowerInvariant())
        {
            char next = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-';
            if (next == '-' && (folded.Length == 0 || folded[^1] == '-')) continue;
            folded.Append(next);
        }
        while (folded.Length > 0 && folded[^1] == '-') folded.Length--;
        string body = folded.ToString();
        if (body == vpnGatewayId && prefix.Length + body.Length <= MaxQueueName) return prefix + body;

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(vpnGatewayId)))[..12];
        int room = MaxQueueName - prefix.Length - hash.Length - 1;
        body = body.Length > room ? body[..room].TrimEnd('-') : body;
        return body.Length == 0 ? prefix + hash : $"{prefix}{body}-{hash}";
    }
}
