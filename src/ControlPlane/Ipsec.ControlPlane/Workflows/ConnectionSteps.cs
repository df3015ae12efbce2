using Ipsec.ControlPlane.Events;
using Ipsec.ControlPlane.Storage;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>
/// Runs a workflow step at most once per connection: the step's name is written into the record in the same
/// conditional update as the step's effect, so an activity that the durable runtime replays (after a crash between
/// the step and its completion being recorded) finds its name and changes nothing. Recorded changes are then
/// published to the events queue (see <see cref="EventPublisher"/>).
/// </summary>
public sealed class ConnectionSteps(ConnectionStore connections, EventPublisher events)
{
    /// <summary>Applies <paramref name="effect"/> unless <paramref name="step"/> is already recorded. Returns the record
    /// after the step, or null when the connection no longer exists.</summary>
    public async Task<ConnectionRecord?> ApplyOnceAsync(ConnectionWorkflowInput input, string step,
        Func<ConnectionRecord, ConnectionRecord> effect, CancellationToken ct = default)
    {
        var record = await connections.UpdateAsync(input.AccountId, input.ConnectionId, current =>
            current.AppliedSteps.Contains(step) ? null : effect(current) with { AppliedSteps = [.. current.AppliedSteps.TakeLast(40), step] }, ct);
        if (record is not null) await events.PublishPendingAsync(record, ct);
        return record;
    }

    public static string Name(ConnectionWorkflowInput input, string step) => $"{step}@{input.Generation}";
}
