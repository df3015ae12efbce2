using Ike.Engine.Api;

namespace Ike.Agent.Control.Views;

/// <summary>A loaded connection as <c>list-conns</c> shows it (never its PSK).</summary>
public sealed record ConnectionView(
    string Name, string Version, string Local, string Remote, string LocalId, string RemoteId,
    IReadOnlyList<string> LocalSubnets, IReadOnlyList<string> RemoteSubnets, string IkeProposal, string IpsecProposal,
    int IkeLifetime, int IpsecLifetime, int? DpdInterval, int? DpdTimeout, bool NatTraversal, string StartAction)
{
    public static ConnectionView From(ConnectionConfig c) => new(
        c.Name, IkeSaView.VersionName(c.Protocol), c.LocalEndpoint.ToString(), c.RemoteEndpoint.ToString(), c.LocalId, c.RemoteId,
        [.. c.LocalSubnets.Select(s => s.ToString())], [.. c.RemoteSubnets.Select(s => s.ToString())],
        $"{c.Ike.Encryption}/{c.Ike.Integrity}/{c.Ike.DhGroup}",
        c.Child.PfsGroup is null ? $"{c.Child.Encryption}/{c.Child.Integrity}" : $"{c.Child.Encryption}/{c.Child.Integrity}/{c.Child.PfsGroup}",
        (int)c.IkeLifetime.TotalSeconds, (int)c.ChildLifetime.TotalSeconds,
        c.Dpd is null ? null : (int)c.Dpd.Interval.TotalSeconds, c.Dpd is null ? null : (int)c.Dpd.Timeout.TotalSeconds,
        c.NatTraversal, StartActionName(c.StartAction));

    private static string StartActionName(Ike.Engine.Api.StartAction action) => action switch
    {
        Ike.Engine.Api.StartAction.Immediately => "immediately",
        Ike.Engine.Api.StartAction.OnTraffic => "on-traffic",
        _ => "none",
    };
}
