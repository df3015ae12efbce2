using System.Globalization;
using Ike.Engine.Api;

namespace Ike.Agent.Control.Views;

/// <summary>An IKE SA as <c>list-sas</c> shows it: SPIs as 16 hex digits, endpoints as <c>address:port</c>, the
/// protocol as "IKEv2" / "IKEv1 main" / "IKEv1 aggressive".</summary>
public sealed record IkeSaView(
    string Connection, string State, bool Initiator, string Version, string InitiatorSpi, string ResponderSpi,
    string Local, string Remote, string LocalId, string RemoteId, string Algorithms, bool NatDetected,
    DateTimeOffset EstablishedAt, DateTimeOffset? RekeyAt, IReadOnlyList<ChildSaView> Children)
{
    public static IkeSaView From(IkeSaSnapshot sa) => new(
        sa.Connection, sa.State, sa.Initiator, VersionName(sa.Protocol), Hex(sa.InitiatorSpi), Hex(sa.ResponderSpi),
        sa.Local.ToString(), sa.Remote.ToString(), sa.LocalId, sa.RemoteId, sa.Algorithms, sa.NatDetected,
        sa.EstablishedAt, sa.RekeyAt, [.. sa.Children.Select(ChildSaView.From)]);

    public static string VersionName(IkeProtocol protocol) => protocol switch
    {
        IkeProtocol.Ikev2 => "IKEv2",
        IkeProtocol.Ikev1Main => "IKEv1 main",
        IkeProtocol.Ikev1Aggressive => "IKEv1 aggressive",
        _ => protocol.ToString(),
    };

    private static string Hex(ulong spi) => spi.ToString("x16", CultureInfo.InvariantCulture);
}
