using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Diagnostics;
using Ike.Engine.Timing;

namespace Ike.Engine.Sa;

/// <summary>
/// Keeping a <see cref="StartAction.Immediately"/> connection up (PRODUCT.md §5: when DPD declares the peer dead the SAs
/// are deleted "and, with effectImmediately, negotiation is retried"): after the peer died or a try failed the
/// connection is negotiated again with a growing wait (<see cref="ReinitiateBackoff"/>), until an IKE SA of it is up
/// again (ours or the peer's) or the connection is unloaded or replaced.
/// </summary>
internal sealed partial class SaManager
{
    private readonly Dictionary<string, Reinitiation> _reinitiations = new(StringComparer.Ordinal);

    /// <summary>Negotiates a connection that starts immediately; failures schedule the next try.</summary>
    private void InitiateAndKeepUp(LoadedConnection connection) =>
        Initiate(connection.Name, result =>
        {
            if (!result.Established)
            {
                ScheduleReinitiation(connection);
            }
        });

    /// <summary>A peer that deletes every SA soon after it comes up (a misconfigured device, a script resetting the
    /// tunnel) is not renegotiated with at full speed: deletes after less than this keep growing the wait.</summary>
    internal static readonly TimeSpan ShortLivedSa = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, int> _shortLivedPeerDeletes = new(StringComparer.Ordinal);

    /// <summary>The peer deleted the connection's IKE SA after it had been up for <paramref name="lived"/>.</summary>
    private void ReinitiateAfterPeerDelete(LoadedConnection connection, TimeSpan lived)
    {
        int streak = lived < ShortLivedSa ? _shortLivedPeerDeletes.GetValueOrDefault(connection.Name) + 1 : 0;
        _shortLivedPeerDeletes[connection.Name] = streak;
        ScheduleReinitiation(connection, firstAttempt: Math.Max(0, streak - 1));
    }

    /// <summary>The connection's peer is dead or a try failed: try again after the next backoff delay (counting from
    /// <paramref name="firstAttempt"/> when the backoff starts afresh).</summary>
    private void ScheduleReinitiation(LoadedConnection connection, int firstAttempt = 0)
    {
        if (connection.Config.StartAction != StartAction.Immediately || !IsCurrent(connection))
        {
            return;
        }

        if (!_reinitiations.TryGetValue(connection.Name, out Reinitiation? state) || !ReferenceEquals(state.Connection, connection))
        {
            state?.Timer?.Dispose();
            state = new Reinitiation(connection);
            _reinitiations[connection.Name] = state;
        }

        state.Timer?.Dispose();
        state.Attempts = Math.Max(state.Attempts, firstAttempt);
        TimeSpan delay = ReinitiateBackoff.Delay(Services.Timing, state.Attempts, Services.NextFraction());
        state.Attempts++;
        EngineLog.Reinitiating(Services.Log, connection.Name, delay, state.Attempts);
        state.Timer = Schedule(delay, () =>
        {
            state.Timer = null;
            bool up = Sas.Any(sa => sa.Connection.Name == connection.Name && sa.State is not (IkeSaState.Deleting or IkeSaState.Rekeyed or IkeSaState.Passive));
            if (IsCurrent(connection) && !up)
            {
                InitiateAndKeepUp(connection);
            }
        });
    }

    /// <summary>An IKE SA of the connection is up: the next death starts the backoff from the beginning.</summary>
    private void ResetReinitiation(string connection)
    {
        if (_reinitiations.Remove(connection, out Reinitiation? state))
        {
            state.Timer?.Dispose();
        }
    }

    private bool IsCurrent(LoadedConnection connection) =>
        _connections.TryGetValue(connection.Name, out LoadedConnection? current) && ReferenceEquals(current, connection);

    private sealed class Reinitiation(LoadedConnection connection)
    {
        public LoadedConnection Connection { get; } = connection;

        public int Attempts { get; set; }

        public ITimer? Timer { get; set; }
    }
}
