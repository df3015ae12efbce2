using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Diagnostics;
using Ike.Engine.Timing;

namespace Ike.Engine.Sa;

/// <summary>
/// Keeps a <see cref="StartAction.Immediately"/> connection up, for the IKEv2 and the IKEv1 manager alike (PRODUCT.md
/// §5: when DPD declares the peer dead the SAs are deleted "and, with effectImmediately, negotiation is retried"): after
/// a failed try, a dead peer or the peer's Delete the connection is negotiated again with a growing wait
/// (<see cref="ReinitiateBackoff"/>), until an SA of it is up again (ours or the peer's) or the connection is unloaded or
/// replaced. Runs on the engine's loop like its owner.
/// </summary>
internal sealed class KeepUp : IDisposable
{
    /// <summary>A peer that deletes every SA soon after it comes up (a misconfigured device, a script resetting the
    /// tunnel) is not renegotiated with at full speed: deletes after less than this keep growing the wait.</summary>
    internal static readonly TimeSpan ShortLivedSa = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Reinitiation> _reinitiations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _shortLivedPeerDeletes = new(StringComparer.Ordinal);
    private readonly EngineServices _services;
    private readonly Func<TimeSpan, Action, ITimer> _schedule;
    private readonly IReadOnlyDictionary<string, LoadedConnection> _connections;
    private readonly Func<string, bool> _hasLiveSa;
    private readonly Action<string, Action<NegotiationResult>> _initiate;

    /// <param name="connections">The owner's table of loaded connections: a try is only made for the configuration
    /// still loaded under its name.</param>
    /// <param name="hasLiveSa">An SA of the connection is up or on its way (no new try is needed).</param>
    /// <param name="initiate">The manager's own initiate; its callback hears whether the try established the tunnel.</param>
    public KeepUp(EngineServices services, Func<TimeSpan, Action, ITimer> schedule, IReadOnlyDictionary<string, LoadedConnection> connections,
        Func<string, bool> hasLiveSa, Action<string, Action<NegotiationResult>> initiate)
    {
        _services = services;
        _schedule = schedule;
        _connections = connections;
        _hasLiveSa = hasLiveSa;
        _initiate = initiate;
    }

    /// <summary>Negotiates the connection now; a failed try schedules the next one.</summary>
    public void Start(LoadedConnection connection) =>
        _initiate(connection.Name, result =>
        {
            if (!result.Established)
            {
                AfterFailure(connection);
            }
        });

    /// <summary>The peer is dead or a try failed: try again after the next backoff delay (counting from
    /// <paramref name="firstAttempt"/> when the backoff starts afresh).</summary>
    public void AfterFailure(LoadedConnection connection, int firstAttempt = 0)
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
        TimeSpan delay = ReinitiateBackoff.Delay(_services.Timing, state.Attempts, _services.NextFraction());
        state.Attempts++;
        EngineLog.Reinitiating(_services.Log, connection.Name, delay, state.Attempts);
        state.Timer = _schedule(delay, () =>
        {
            state.Timer = null;
            if (IsCurrent(connection) && !_hasLiveSa(connection.Name))
            {
                Start(connection);
            }
        });
    }

    /// <summary>The peer deleted the connection's last SA after it had been up for <paramref name="lived"/> (a reset on
    /// the customer's device): come back, as charon's close_action=restart or an always-on cloud VPN does.</summary>
    public void AfterPeerDelete(LoadedConnection connection, TimeSpan lived)
    {
        int streak = lived < ShortLivedSa ? _shortLivedPeerDeletes.GetValueOrDefault(connection.Name) + 1 : 0;
        _shortLivedPeerDeletes[connection.Name] = streak;
        AfterFailure(connection, firstAttempt: Math.Max(0, streak - 1));
    }

    /// <summary>An SA of the connection is up: the next death starts the backoff from the beginning.</summary>
    public void Reset(string connection)
    {
        if (_reinitiations.Remove(connection, out Reinitiation? state))
        {
            state.Timer?.Dispose();
        }
    }

    /// <summary>The connection was unloaded.</summary>
    public void Forget(string connection)
    {
        Reset(connection);
        _shortLivedPeerDeletes.Remove(connection);
    }

    private bool IsCurrent(LoadedConnection connection) =>
        _connections.TryGetValue(connection.Name, out LoadedConnection? current) && ReferenceEquals(current, connection);

    public void Dispose()
    {
        foreach (Reinitiation reinitiation in _reinitiations.Values)
        {
            reinitiation.Timer?.Dispose();
        }

        _reinitiations.Clear();
    }

    private sealed class Reinitiation(LoadedConnection connection)
    {
        public LoadedConnection Connection { get; } = connection;

        public int Attempts { get; set; }

        public ITimer? Timer { get; set; }
    }
}
