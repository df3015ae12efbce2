using System.Text.Json;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Events;

/// <summary>
/// Publishes a connection's recorded changes to the events queue. The connection row is the outbox: changes are
/// recorded first (with the state they describe, in one conditional write) and published afterwards, and the row then
/// remembers how far it was published. A crash between sending and remembering sends that event again on the next
/// run (at-least-once); every event carries a stable <c>eventId</c> ({connectionId}:{sequence}) so consumers can drop
/// the duplicate. No change is ever lost or published out of order.
/// </summary>
public sealed class EventPublisher(StorageClients storage, ConnectionStore connections)
{
    /// <summary>The message on the events queue (PRODUCT.md section 6 plus the id and sequence).</summary>
    public sealed record EventMessage(string EventId, int Sequence, string ConnectionId, string AccountId, string Type,
        string? From, string To, string Reason, DateTimeOffset At);

    /// <summary>"provisioningState" → "ProvisioningStateChanged", "status" → "TunnelStatusChanged", "routes" → "RoutesChanged".</summary>
    public static string EventType(string field) => field == "status" ? "TunnelStatusChanged" : char.ToUpperInvariant(field[0]) + field[1..] + "Changed";

    public async Task PublishPendingAsync(ConnectionRecord record, CancellationToken ct = default)
    {
        var pending = record.Unpublished(await connections.GetPublishedAsync(record.AccountId, record.ConnectionId, ct)).ToList();
        if (pending.Count == 0) return;
        var queue = storage.Queue(StorageNames.EventsQueue);
        foreach (var (sequence, change) in pending)
        {
            var message = new EventMessage($"{record.ConnectionId}:{sequence}", sequence, record.ConnectionId, record.AccountId,
                EventType(change.Field), change.From, change.To, change.Reason, change.At);
            await queue.SendMessageAsync(JsonSerializer.Serialize(message, ApiJson.Options), ct);
        }
        int publishedThrough = pending[^1].Sequence + 1;
        await connections.SetPublishedAsync(record.AccountId, record.ConnectionId, publishedThrough, ct);
    }
}
