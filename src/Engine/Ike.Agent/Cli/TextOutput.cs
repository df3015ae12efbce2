using System.Globalization;
using System.Text;
using Ike.Agent.Control.Views;

namespace Ike.Agent.Cli;

/// <summary>
/// The human-readable output of <c>ipsec-agent ctl</c>, shaped after swanctl's so a network engineer reads it the
/// same way: <c>--list-sas</c> style SA blocks (our SPI marked with <c>*</c> on the side we initiated), indented
/// details, relative times. <c>--json</c> prints the views instead.
/// </summary>
public static class TextOutput
{
    public static string Sas(IReadOnlyList<IkeSaView> sas, DateTimeOffset now)
    {
        if (sas.Count == 0) return "no IKE SAs" + Environment.NewLine;
        var text = new StringBuilder();
        foreach (var sa in sas)
        {
            string spiI = sa.InitiatorSpi + "_i" + (sa.Initiator ? "*" : "");
            string spiR = sa.ResponderSpi + "_r" + (sa.Initiator ? "" : "*");
            Line(text, 0, $"{sa.Connection}: {sa.State}, {sa.Version}, {spiI} {spiR}");
            Line(text, 1, $"local  '{sa.LocalId}' @ {sa.Local}");
            Line(text, 1, $"remote '{sa.RemoteId}' @ {sa.Remote}{(sa.NatDetected ? " [NAT]" : "")}");
            Line(text, 1, sa.Algorithms);
            Line(text, 1, $"established {Ago(sa.EstablishedAt, now)}{Rekey(sa.RekeyAt, now)}");
            foreach (var child in sa.Children)
            {
                Line(text, 1, $"{child.Name}: {child.State}, {(child.UdpEncapsulated ? "TUNNEL-in-UDP" : "TUNNEL")}, ESP:{child.Algorithms}");
                Line(text, 2, $"installed {Ago(child.InstalledAt, now)}{Rekey(child.RekeyAt, now)}");
                Line(text, 2, $"in  {child.InboundSpi}, {child.BytesIn,10} bytes, {child.PacketsIn,8} packets");
                Line(text, 2, $"out {child.OutboundSpi}, {child.BytesOut,10} bytes, {child.PacketsOut,8} packets");
                Line(text, 2, $"local  {string.Join(" ", child.LocalTs)}");
                Line(text, 2, $"remote {string.Join(" ", child.RemoteTs)}");
            }
        }
        return text.ToString();
    }

    public static string Connections(IReadOnlyList<ConnectionView> connections)
    {
        if (connections.Count == 0) return "no connections loaded" + Environment.NewLine;
        var text = new StringBuilder();
        foreach (var c in connections)
        {
            string dpd = c.DpdInterval is null ? "dpd off" : $"dpd every {c.DpdInterval}s, timeout {c.DpdTimeout}s";
            Line(text, 0, $"{c.Name}: {c.Version}, {dpd}, NAT-T {(c.NatTraversal ? "on" : "off")}, start {c.StartAction}");
            Line(text, 1, $"local:  {c.Local} id {c.LocalId}");
            Line(text, 1, $"remote: {c.Remote} id {c.RemoteId}");
            Line(text, 1, $"ike: {c.IkeProposal}, lifetime {c.IkeLifetime}s");
            Line(text, 1, $"esp: {c.IpsecProposal}, lifetime {c.IpsecLifetime}s");
            Line(text, 1, $"local subnets:  {string.Join(" ", c.LocalSubnets)}");
            Line(text, 1, $"remote subnets: {string.Join(" ", c.RemoteSubnets)}");
        }
        return text.ToString();
    }

    public static string Load(LoadView load)
    {
        var text = new StringBuilder();
        var parts = new[] { ("added", load.Added), ("replaced", load.Replaced), ("removed", load.Removed), ("unchanged", load.Unchanged) }
            .Where(p => p.Item2.Count > 0)
            .Select(p => $"{p.Item1} {string.Join(", ", p.Item2)}")
            .ToList();
        Line(text, 0, parts.Count == 0 ? "loaded: no connections" : "loaded: " + string.Join("; ", parts));
        foreach (var failure in load.Failed) Line(text, 0, $"refused {failure.Name}: {failure.Message}");
        foreach (string warning in load.Warnings) Line(text, 0, $"warning: {warning}");
        return text.ToString();
    }

    public static string Initiate(InitiateView result)
    {
        if (result.Established) return $"initiate {result.Connection}: established" + Environment.NewLine;
        var text = new StringBuilder();
        Line(text, 0, $"initiate {result.Connection} failed: {result.Failure?.Message ?? "the engine gave no reason"}");
        if (result.Failure is { } f) Line(text, 1, $"exchange {f.Exchange}, refused by {f.Side}, reason {f.Reason}");
        return text.ToString();
    }

    public static string Terminate(TerminateView result) => $"terminated {result.Connection}" + Environment.NewLine;

    public static string Probe(ProbeView probe)
    {
        string outcome = probe.Replied
            ? $"reply in {(probe.RoundTripMs ?? 0).ToString("0.###", CultureInfo.InvariantCulture)} ms"
            : "no reply";
        string detail = probe.Detail.Length == 0 ? "" : $" ({probe.Detail})";
        return $"probe {probe.Connection} {probe.From} -> {probe.To}: {outcome}{detail}" + Environment.NewLine;
    }

    public static string Event(EventView e)
    {
        var text = new StringBuilder();
        string detail = e.Detail.Length == 0 ? "" : " " + e.Detail;
        Line(text, 0, $"{e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} {e.Connection} {e.Type}{detail}");
        if (e.Diagnostic is { } d) Line(text, 1, $"{d.Message} (exchange {d.Exchange}, refused by {d.Side}, reason {d.Reason})");
        return text.ToString();
    }

    /// <summary>"5s ago" / "3m 20s ago" / "2h 0m ago"; times in the future (clock skew) read as "just now".</summary>
    internal static string Ago(DateTimeOffset at, DateTimeOffset now) => now <= at ? "just now" : Span(now - at) + " ago";

    private static string Rekey(DateTimeOffset? at, DateTimeOffset now) =>
        at is null ? "" : now >= at ? ", rekeying now" : $", rekeying in {Span(at.Value - now)}";

    private static string Span(TimeSpan span)
    {
        long seconds = (long)span.TotalSeconds;
        return seconds switch
        {
            < 60 => $"{seconds}s",
            < 3600 => $"{seconds / 60}m {seconds % 60}s",
            _ => $"{seconds / 3600}h {seconds % 3600 / 60}m",
        };
    }

    private static void Line(StringBuilder text, int indent, string line) =>
        text.Append(' ', indent * 2).Append(line).Append(Environment.NewLine);
}
