using System.Globalization;
using Ike.Engine.Api;

namespace Ike.Agent.Control.Views;

/// <summary>A CHILD SA as <c>list-sas</c> shows it; SPIs as 8 hex digits (network order, as swanctl prints them).</summary>
public sealed record ChildSaView(
    string Name, string State, string InboundSpi, string OutboundSpi, string Algorithms, bool UdpEncapsulated,
    IReadOnlyList<string> LocalTs, IReadOnlyList<string> RemoteTs, DateTimeOffset InstalledAt, DateTimeOffset? RekeyAt,
    long BytesIn, long BytesOut, long PacketsIn, long PacketsOut)
{
    public static ChildSaView From(ChildSaSnapshot child) => new(
        child.Name, child.State, Hex(child.InboundSpi), Hex(child.OutboundSpi), child.Algorithms, child.UdpEncapsulated,
        child.LocalTs, child.RemoteTs, child.InstalledAt, child.RekeyAt, child.BytesIn, child.BytesOut, child.PacketsIn, child.PacketsOut);

    private static string Hex(uint spi) => spi.ToString("x8", CultureInfo.InvariantCulture);
}
