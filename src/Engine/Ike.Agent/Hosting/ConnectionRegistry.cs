using Ike.Agent.Control.Views;
using Ike.Engine.Api;
using Microsoft.Extensions.Logging;

namespace Ike.Agent.Hosting;

/// <summary>
/// The connections the agent has given the engine, by name, and the reconciliation a <c>load</c> performs: remove
/// what left the file, load what is new or changed, leave the rest (and their SAs) alone. The registry owns the PSKs
/// of the connections it holds and zeroes each one when its connection is replaced, removed or the registry is
/// disposed. One reconciliation at a time.
/// </summary>
internal sealed partial class ConnectionRegistry(IIkeEngine engine, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, ConnectionConfig> loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim reconciling = new(1, 1);
    private readonly Lock gate = new();

    public IReadOnlyList<ConnectionConfig> Loaded
    {
        get { lock (gate) return [.. loaded.Values.OrderBy(c => c.Name, StringComparer.Ordinal)]; }
    }

    public bool Contains(string name)
    {
        lock (gate) return loaded.ContainsKey(name);
    }

    /// <summary>
    /// Makes the engine's connections those of <paramref name="desired"/>. Takes ownership of every PSK in
    /// <paramref name="desired"/> (those not kept are zeroed). A connection the engine refuses is reported in
    /// <see cref="LoadView.Failed"/> and not kept (a changed definition it
    /// refuses leaves the previous one in force); the others still apply.
    /// </summary>
    public async Task<LoadView> ApplyAsync(IReadOnlyList<ConnectionConfig> desired, IReadOnlyList<string> warnings, CancellationToken ct)
    {
        await reconciling.WaitAsync(ct);
        try
        {
            var added = new List<string>();
            var replaced = new List<string>();
            var removed = new List<string>();
            var unchanged = new List<string>();
            var failed = new List<LoadFailureView>();
            var wanted = desired.ToDictionary(c => c.Name, StringComparer.Ordinal);

            foreach (var old in Loaded.Where(c => !wanted.ContainsKey(c.Name)))
            {
                await engine.UnloadConnectionAsync(old.Name, ct);
                Forget(old.Name);
                removed.Add(old.Name);
                LogRemoved(old.Name);
            }

            foreach (var connection in desired)
            {
                ConnectionConfig? previous;
                lock (gate) loaded.TryGetValue(connection.Name, out previous);
                if (previous is not null && ConnectionDefinitions.Same(previous, connection))
                {
                    connection.Psk.Dispose();
                    unchanged.Add(connection.Name);
                    continue;
                }
                try
                {
                    engine.LoadConnection(connection);
                }
                catch (Exception e)
                {
                    // The engine refused this definition (e.g. a protocol it does not speak yet) and still runs what
                    // it had before, which keeps its key.
                    LogRefused(connection.Name, e.Message);
                    failed.Add(new LoadFailureView(connection.Name, e.Message));
                    connection.Psk.Dispose();
                    continue;
                }
                Store(connection);
                (previous is null ? added : replaced).Add(connection.Name);
                LogLoaded(connection.Name, previous is null ? "added" : "replaced");
            }
            return new LoadView(added, replaced, removed, unchanged, failed, warnings);
        }
        finally
        {
            reconciling.Release();
        }
    }

    private void Store(ConnectionConfig connection)
    {
        ConnectionConfig? previous;
        lock (gate)
        {
            loaded.TryGetValue(connection.Name, out previous);
            loaded[connection.Name] = connection;
        }
        // The engine now negotiates with the new definition; SAs it already has do not need the old key again (PSK
        // authentication happens once per IKE SA, in IKE_AUTH, RFC 7296 §2.15).
        previous?.Psk.Dispose();
    }

    private void Forget(string name)
    {
        ConnectionConfig? previous;
        lock (gate)
        {
            loaded.Remove(name, out previous);
        }
        previous?.Psk.Dispose();
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var connection in loaded.Values) connection.Psk.Dispose();
            loaded.Clear();
        }
        reconciling.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "connection {Name} {Change}")]
    private partial void LogLoaded(string name, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "connection {Name} removed")]
    private partial void LogRemoved(string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "the engine refused connection {Name}: {Reason}")]
    private partial void LogRefused(string name, string reason);
}
