using System.Net;

namespace Ike.Engine.Api;

/// <summary>
/// The engine's control interface, used by the gateway agent's command line and control socket and, later, by the
/// control plane's activities. Both IKE versions sit behind it.
/// </summary>
public interface IIkeEngine : IAsyncDisposable
{
    /// <summary>Adds or replaces a connection. With <see cref="StartAction.Immediately"/> it starts negotiating;
    /// with <see cref="StartAction.OnTraffic"/> it negotiates when the first packet for the remote subnets is sent.</summary>
    void LoadConnection(ConnectionConfig connection);

    /// <summary>Removes a connection, deleting its SAs (Delete notifications to the peer) first.</summary>
    Task<bool> UnloadConnectionAsync(string name, CancellationToken ct = default);

    IReadOnlyList<string> Connections { get; }

    /// <summary>Negotiates the IKE SA and the CHILD SA; completes when the CHILD SA is installed or the negotiation failed.</summary>
    Task<NegotiationResult> InitiateAsync(string name, CancellationToken ct = default);

    /// <summary>Deletes the connection's IKE SA (and with it its CHILD SAs), telling the peer.</summary>
    Task TerminateAsync(string name, CancellationToken ct = default);

    IReadOnlyList<IkeSaSnapshot> ListSas();

    /// <summary>Sends an ICMP echo from <paramref name="source"/> to <paramref name="destination"/> through the
    /// connection's CHILD SA (userspace ESP) and waits for the matching reply.</summary>
    Task<ProbeResult> ProbeAsync(string name, IPAddress source, IPAddress destination, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Raised for every state change (from the engine's own thread: handlers must be quick).</summary>
    event Action<EngineEvent>? EventRaised;
}
