using System.Buffers.Binary;
using System.Net;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// charon's userspace ESP (kernel-libipsec) routes each CHILD SA's outbound policy from a local address inside the
/// local traffic selector, and refuses the CHILD SA (TS_UNACCEPTABLE) when this host has none. The demo charon's local
/// subnets are the connection's remoteSubnets, so the demo gives this host the first address of each, which it may do
/// for loopback subnets only: an address from any other range could shadow a real host of the user's network.
/// </summary>
static class CharonSubnetAddresses
{
    /// <summary>The first host address of each subnet, or why there is none the demo may add.</summary>
    public static (IReadOnlyList<string> Addresses, string? Refusal) For(IEnumerable<string> remoteSubnets)
    {
        var addresses = new List<string>();
        foreach (string cidr in remoteSubnets)
        {
            string[] parts = cidr.Split('/');
            if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var network) || !int.TryParse(parts[1], out int prefix)
                || network.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || !IPAddress.IsLoopback(network) || prefix < 8)
                return ([], $"charon's userspace ESP needs an address of this host inside each remote subnet, and the demo adds " +
                    $"loopback ones only; {cidr} is not inside 127.0.0.0/8. Use remoteSubnets like 127.0.51.0/24, or ?peer=engine");
            uint first = BinaryPrimitives.ReadUInt32BigEndian(network.GetAddressBytes()) + (prefix >= 31 ? 0u : 1u);
            var host = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(host, first);
            addresses.Add(new IPAddress(host).ToString());
        }
        return (addresses, null);
    }
}
