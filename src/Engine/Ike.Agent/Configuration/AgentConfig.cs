using System.Net;
using Ike.Engine.Api;

namespace Ike.Agent.Configuration;

/// <summary>
/// The agent's configuration file, parsed and checked: where to listen, where the control socket is (null: the
/// command line or the default decides), the connections as the engine runs them, and warnings that do not stop the
/// agent (weak algorithms, secrets in a file others can read).
/// </summary>
/// <remarks>The connections own their <see cref="PreSharedKey"/>s: whoever takes them (the connection registry) or
/// drops the config (<see cref="DisposeSecrets"/>) zeroes them.</remarks>
public sealed record AgentConfig(
    IReadOnlyList<ListenEndpoint> Listen,
    string? ControlSocket,
    IReadOnlyList<ConnectionConfig> Connections,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Every UDP endpoint the transport must bind: each listen address on its IKE and its NAT-T port.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => [.. Listen.SelectMany(l => new[] { l.Ike, l.Nat })];

    public void DisposeSecrets()
    {
        foreach (var connection in Connections) connection.Psk.Dispose();
    }
}
