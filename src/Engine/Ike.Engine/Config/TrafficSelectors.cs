using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;

namespace Ike.Engine.Config;

/// <summary>
/// Traffic selector arithmetic for IPv4 (RFC 7296 §2.9): our subnets as selectors, the responder's narrowing to the
/// intersection of what was proposed and what is configured, and the initiator's check that the answer is a subset of
/// what it proposed. Pure functions.
/// </summary>
public static class TrafficSelectors
{
    /// <summary>Each subnet as TS_IPV4_ADDR_RANGE, all protocols, all ports (the product's phase-2 subnets).</summary>
    public static IReadOnlyList<TrafficSelector> FromSubnets(IEnumerable<Subnet> subnets) =>
        [.. subnets.Select(s => TrafficSelector.ForRange(First(s), Last(s)))];

    /// <summary>
    /// §2.9: "the responder is allowed to narrow the choices by selecting a subset of the traffic": every non-empty
    /// intersection of a proposed selector with a configured one. Empty means TS_UNACCEPTABLE. IPv6 selectors cannot
    /// intersect our IPv4 subnets and are dropped.
    /// </summary>
    public static IReadOnlyList<TrafficSelector> Narrow(IReadOnlyList<TrafficSelector> proposed, IReadOnlyList<TrafficSelector> configured)
    {
        var result = new List<TrafficSelector>();
        foreach (TrafficSelector offered in proposed)
        {
            foreach (TrafficSelector allowed in configured)
            {
                if (Intersect(offered, allowed) is { } both && !result.Contains(both))
                {
                    result.Add(both);
                }
            }
        }

        return result;
    }

    /// <summary>True when every selector of <paramref name="answer"/> lies inside one of <paramref name="proposed"/>
    /// (§2.9: the responder may only narrow).</summary>
    public static bool IsSubsetOf(IReadOnlyList<TrafficSelector> answer, IReadOnlyList<TrafficSelector> proposed) =>
        answer.Count > 0 && answer.All(a => proposed.Any(p => Intersect(a, p) == Normalize(a)));

    /// <summary>"10.0.0.0/24", "10.0.0.5-10.0.0.9", with "[proto/ports]" only when restricted; comma separated.</summary>
    public static string Describe(IReadOnlyList<TrafficSelector> selectors) => string.Join(", ", selectors.Select(Describe));

    public static string Describe(TrafficSelector selector)
    {
        string range = selector.Type == TrafficSelectorType.Ipv4AddressRange && AsPrefix(selector) is int prefix
            ? $"{selector.StartAddress}/{prefix}"
            : $"{selector.StartAddress}-{selector.EndAddress}";
        bool anyPort = selector.StartPort == 0 && selector.EndPort == ushort.MaxValue;
        return selector.IpProtocolId == 0 && anyPort
            ? range
            : $"{range}[{selector.IpProtocolId}/{selector.StartPort}-{selector.EndPort}]";
    }

    private static TrafficSelector? Intersect(TrafficSelector a, TrafficSelector b)
    {
        if (a.Type != TrafficSelectorType.Ipv4AddressRange || b.Type != TrafficSelectorType.Ipv4AddressRange)
        {
            return null;
        }

        // §3.13.1: protocol 0 means any; two specific protocols must be equal.
        if (a.IpProtocolId != 0 && b.IpProtocolId != 0 && a.IpProtocolId != b.IpProtocolId)
        {
            return null;
        }

        byte protocol = a.IpProtocolId != 0 ? a.IpProtocolId : b.IpProtocolId;
        // OPAQUE ports (start 65535, end 0) only match themselves.
        bool aOpaque = a.StartPort > a.EndPort;
        bool bOpaque = b.StartPort > b.EndPort;
        ushort startPort;
        ushort endPort;
        if (aOpaque || bOpaque)
        {
            if (aOpaque && bOpaque)
            {
                (startPort, endPort) = (a.StartPort, a.EndPort);
            }
            else
            {
                TrafficSelector full = aOpaque ? b : a;
                if (full.StartPort != 0 || full.EndPort != ushort.MaxValue)
                {
                    return null;
                }

                (startPort, endPort) = aOpaque ? (a.StartPort, a.EndPort) : (b.StartPort, b.EndPort);
            }
        }
        else
        {
            startPort = Math.Max(a.StartPort, b.StartPort);
            endPort = Math.Min(a.EndPort, b.EndPort);
            if (startPort > endPort)
            {
                return null;
            }
        }

        uint start = Math.Max(ToUInt(a.StartAddress), ToUInt(b.StartAddress));
        uint end = Math.Min(ToUInt(a.EndAddress), ToUInt(b.EndAddress));
        return start > end
            ? null
            : new TrafficSelector(TrafficSelectorType.Ipv4AddressRange, protocol, startPort, endPort, FromUInt(start), FromUInt(end));
    }

    private static TrafficSelector? Normalize(TrafficSelector selector) => Intersect(selector, selector);

    private static int? AsPrefix(TrafficSelector selector)
    {
        uint start = ToUInt(selector.StartAddress);
        uint end = ToUInt(selector.EndAddress);
        uint hostBits = start ^ end;
        // a prefix: the differing low bits are all ones in end and all zeros in start
        if ((hostBits & (hostBits + 1)) != 0 || (start & hostBits) != 0)
        {
            return null;
        }

        return 32 - System.Numerics.BitOperations.PopCount(hostBits);
    }

    private static IPAddress First(Subnet subnet) => FromUInt(ToUInt(subnet.Network) & Mask(subnet.PrefixLength));

    private static IPAddress Last(Subnet subnet) => FromUInt((ToUInt(subnet.Network) & Mask(subnet.PrefixLength)) | ~Mask(subnet.PrefixLength));

    private static uint Mask(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);

    internal static uint ToUInt(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork
            ? BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())
            : throw new ArgumentException("IPv4 only", nameof(address));

    internal static IPAddress FromUInt(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>True when <paramref name="address"/> is inside one of the selectors' address ranges.</summary>
    public static bool Contains(IReadOnlyList<TrafficSelector> selectors, IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        uint value = ToUInt(address);
        return selectors.Any(s => s.Type == TrafficSelectorType.Ipv4AddressRange
            && ToUInt(s.StartAddress) <= value && value <= ToUInt(s.EndAddress));
    }
}
