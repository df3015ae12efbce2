using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Sa.V1;

namespace Ike.Engine.Sa;

/// <summary>
/// Where the IKEv1 half of the core (<see cref="Ikev1Manager"/>) meets the shared parts: connections of the IKEv1
/// protocols live there, datagrams of ISAKMP major version 1 go there, commands for its connections go there, and its
/// IPsec SAs share the userspace ESP path, the probes and <c>list-sas</c>. The IKEv2 code never sees an IKEv1
/// connection.
/// </summary>
internal sealed partial class SaManager
{
    private Ikev1Manager? _ikev1;

    /// <summary>Made on first use, so the IKEv2 constructor stays as it is.</summary>
    internal Ikev1Manager Ikev1 => _ikev1 ??= new Ikev1Manager(Services, _send, _post, _raise, NatTraversalEndpointFor);

    /// <summary>Takes an IKEv1 connection (true), after dropping an IKEv2 one of the same name from the IKEv2 table;
    /// false for an IKEv2 connection, after dropping an IKEv1 one of that name.</summary>
    private bool TryLoadIkev1(ConnectionConfig config)
    {
        if (config.Protocol == IkeProtocol.Ikev2)
        {
            _ikev1?.Forget(config.Name);
            return false;
        }

        LoadedConnection connection = LoadedConnection.Load(config);
        _connections.Remove(config.Name);
        Ikev1.LoadConnection(connection);
        return true;
    }

    private bool IsIkev1(string name) => _ikev1?.HasConnection(name) == true;

    private IEnumerable<IkeSaSnapshot> Ikev1Snapshots() => _ikev1 is null ? [] : _ikev1.Sas.Select(Snapshot);

    /// <summary>An installed IKEv1 IPsec SA of the connection that covers the probe's addresses.</summary>
    private ChildSa? Ikev1ChildCovering(string name, IPAddress source, IPAddress destination) =>
        _ikev1?.Sas.Where(sa => sa.Connection.Name == name && sa.IsEstablished)
            .SelectMany(sa => sa.Children)
            .FirstOrDefault(c => c.State is ChildSaState.Installed or ChildSaState.Rekeying && Covers(c, source, destination));

    /// <summary>Authentic ESP for an IKEv1 IPsec SA: the peer is alive (RFC 3706 §5.3 counts any traffic).</summary>
    private ChildSa? OnIkev1Esp(uint inboundSpi)
    {
        if (_ikev1?.FindChild(inboundSpi) is not { } found)
        {
            return null;
        }

        found.Owner.LastInbound = Services.Now;
        return found.Child;
    }

    private IkeSaSnapshot Snapshot(IsakmpSa sa) => new(
        sa.Connection.Name,
        sa.State.ToString(),
        sa.IsInitiator,
        sa.Connection.Config.Protocol,
        sa.InitiatorCookie,
        sa.ResponderCookie,
        sa.Local,
        sa.Remote,
        sa.Connection.Config.LocalId,
        sa.Connection.Config.RemoteId,
        sa.Suite is null ? "" : SnapshotAlgorithms(sa.Suite),
        sa.NatDetected,
        sa.EstablishedAt,
        sa.RekeyAt,
        [.. sa.Children.Select(Snapshot)]);
}
