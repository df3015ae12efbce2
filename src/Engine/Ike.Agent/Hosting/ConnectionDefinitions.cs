using System.Security.Cryptography;
using Ike.Engine.Api;

namespace Ike.Agent.Hosting;

/// <summary>
/// Whether two <see cref="ConnectionConfig"/>s define the same connection, so a reload leaves an unchanged connection
/// (and its SAs) alone. The record's own equality cannot say: the PSK and the subnet lists compare by reference.
/// </summary>
internal static class ConnectionDefinitions
{
    public static bool Same(ConnectionConfig a, ConnectionConfig b) =>
        a.Name == b.Name && a.Protocol == b.Protocol
        && a.LocalEndpoint.Equals(b.LocalEndpoint) && a.RemoteEndpoint.Equals(b.RemoteEndpoint)
        && a.LocalId == b.LocalId && a.RemoteId == b.RemoteId
        && a.Ike == b.Ike && a.Child == b.Child
        && a.LocalSubnets.SequenceEqual(b.LocalSubnets) && a.RemoteSubnets.SequenceEqual(b.RemoteSubnets)
        && a.IkeLifetime == b.IkeLifetime && a.ChildLifetime == b.ChildLifetime
        && a.Dpd == b.Dpd && a.NatTraversal == b.NatTraversal && a.StartAction == b.StartAction
        // Constant time, so how long a reload takes says nothing about how much of a new key matched the old one.
        && CryptographicOperations.FixedTimeEquals(a.Psk.Bytes, b.Psk.Bytes);
}
