using Ipsec.Domain;

namespace Ipsec.ControlPlane.Storage;

/// <summary>
/// A stored IPsec connection: the validated settings, the encrypted PSK, the tunnel and provisioning state, and the
/// history of every change. <see cref="AppliedSteps"/> names the workflow steps already done, written in the same row
/// update as their effect, so a replayed activity sees its own step and does nothing twice.
/// <see cref="TotalChanges"/> numbers the history so it can serve as an outbox for the events queue; how far it was
/// published is kept in a row of its own (<see cref="ConnectionStore.GetPublishedAsync"/>), so publishing never changes
/// this row's ETag and never makes a user's If-Match fail.
/// </summary>
public sealed record ConnectionRecord(
    string ConnectionId,
    string AccountId,
    ConnectionSettings Settings,
    string? ProtectedPsk,
    TunnelStatus Status,
    ProvisioningState ProvisioningState,
    string StatusReason,
    IReadOnlyList<StatusChange> History,
    int TotalChanges,
    IReadOnlyList<string> AppliedSteps,
    IReadOnlyList<ApiWarning> Warnings,
    string? ClientToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Generation)
{
    /// <summary>History kept in the row (a table property holds at most 64 KiB); older entries were published as events.</summary>
    public const int HistoryLimit = 50;

    /// <summary>Records a change of one field and keeps the history bounded.</summary>
    public ConnectionRecord WithChange(string field, string? from, string to, string reason, DateTimeOffset at)
    {
        var history = History.Append(new StatusChange(field, from, to, reason, at)).TakeLast(HistoryLimit).ToList();
        return this with { History = history, TotalChanges = TotalChanges + 1, UpdatedAt = at };
    }

    /// <summary>Changes not yet published, with their absolute sequence numbers (for event ids).</summary>
    public IEnumerable<(int Sequence, StatusChange Change)> Unpublished(int publishedChanges)
    {
        int firstKept = TotalChanges - History.Count;
        for (int i = 0; i < History.Count; i++)
            if (firstKept + i >= publishedChanges) yield return (firstKept + i, History[i]);
    }
}
