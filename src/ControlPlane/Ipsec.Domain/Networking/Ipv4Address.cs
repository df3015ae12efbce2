using System.Diagnostics.CodeAnalysis;

namespace Ipsec.Domain;

/// <summary>
/// An IPv4 address in strict dotted-quad form. <see cref="System.Net.IPAddress.TryParse(string, out System.Net.IPAddress)"/>
/// accepts "10.1", "0x0a.0.0.1" and "010.0.0.1" (octal), which a user never means in a VPN form, so this parser takes
/// exactly four decimal octets 0–255 without leading zeros (RFC 6943 section 3.1.1 warns about those ambiguities).
/// </summary>
public readonly record struct Ipv4Address(uint Value)
{
    public const int MaxTextLength = 15;

    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv4Address address)
    {
        address = default;
        if (text is null || text.Length is < 7 or > MaxTextLength) return false;
        uint value = 0;
        int octets = 0, position = 0;
        while (position <= text.Length)
        {
            int start = position;
            uint octet = 0;
            while (position < text.Length && text[position] is >= '0' and <= '9')
            {
                octet = octet * 10 + (uint)(text[position] - '0');
                position++;
            }
            int digits = position - start;
            if (digits is 0 or > 3 || octet > 255 || (digits > 1 && text[start] == '0')) return false;
            value = (value << 8) | octet;
            octets++;
            if (position == text.Length) break;
            if (text[position] != '.' || octets == 4) return false;
            position++;
        }
        if (octets != 4) return false;
        address = new Ipv4Address(value);
        return true;
    }

    /// <summary>
    /// True for an address a host can be reached at: not in 0.0.0.0/8 ("this network", RFC 1122 section 3.2.1.3),
    /// not multicast 224.0.0.0/4 (RFC 5771) and not 240.0.0.0/4 (reserved, which includes the limited broadcast
    /// 255.255.255.255; RFC 1112 section 4). Private, loopback and link-local addresses are unicast and allowed: lab
    /// and interop setups run gateways on them.
    /// </summary>
    public bool IsUnicast => (Value >> 24) != 0 && (Value >> 28) < 0xE;

    public override string ToString() =>
        $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}";
}
