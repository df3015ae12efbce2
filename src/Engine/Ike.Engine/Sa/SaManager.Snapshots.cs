using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Kernel;

namespace Ike.Engine.Sa;

/// <summary>What <c>list-sas</c> shows, in strongSwan's spelling of algorithms ("aes128/sha256/modp2048").</summary>
internal sealed partial class SaManager
{
    internal static string SnapshotAlgorithms(IkeSuite suite) => suite.Prf == suite.Integrity
        ? $"{suite.Encryption.ShortName}/{suite.Integrity.ShortName}/{suite.Group.ShortName}"
        : $"{suite.Encryption.ShortName}/{suite.Prf.PrfShortName}/{suite.Integrity.ShortName}/{suite.Group.ShortName}";

    internal static string SnapshotAlgorithms(ChildSuite suite) => suite.Group is null
        ? $"{suite.Encryption.ShortName}/{suite.Integrity.ShortName}"
        : $"{suite.Encryption.ShortName}/{suite.Integrity.ShortName}/{suite.Group.ShortName}";

    private IkeSaSnapshot Snapshot(IkeSa sa) => new(
        sa.Connection.Name,
        sa.State.ToString(),
        sa.IsOriginalInitiator,
        IkeProtocol.Ikev2,
        sa.InitiatorSpi,
        sa.ResponderSpi,
        sa.Local,
        sa.Remote,
        sa.Connection.Config.LocalId,
        sa.Connection.Config.RemoteId,
        sa.Suite is null ? "" : SnapshotAlgorithms(sa.Suite),
        sa.NatDetected,
        sa.EstablishedAt,
        sa.RekeyAt,
        [.. sa.Children.Select(Snapshot)]);

    private ChildSaSnapshot Snapshot(ChildSa child)
    {
        EspCounters? counters = Services.Kernel.Query(child.InboundSpi);
        return new ChildSaSnapshot(
            child.Name,
            child.State.ToString(),
            child.InboundSpi,
            child.OutboundSpi,
            SnapshotAlgorithms(child.Suite),
            child.UdpEncapsulated,
            [.. child.LocalTs.Select(TrafficSelectors.Describe)],
            [.. child.RemoteTs.Select(TrafficSelectors.Describe)],
            child.InstalledAt,
            child.RekeyAt,
            counters?.BytesIn ?? 0,
            counters?.BytesOut ?? 0,
            counters?.PacketsIn ?? 0,
            counters?.PacketsOut ?? 0);
    }
}
