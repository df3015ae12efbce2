namespace Ipsec.Domain;

/// <summary>An IPv4 network: a network address with no host bits set and a prefix length 0–32 (RFC 4632).</summary>
public readonly record struct Ipv4Cidr
{
    public Ipv4Cidr(Ipv4Address network, int prefixLength)
    {
        if (prefixLength is < 0 or > 32) throw new ArgumentOutOfRangeException(nameof(prefixLength));
        if ((network.Value & ~MaskFor(prefixLength)) != 0) throw new ArgumentException("host bits are set", nameof(network));
        Network = network;
        PrefixLength = prefixLength;
    }

    public Ipv4Address Network { get; }

    public int PrefixLength { get; }

    public uint Mask => MaskFor(PrefixLength);

    /// <summary>The last address of the block (its broadcast address when the block is a subnet).</summary>
    public Ipv4Address Last => new(Network.Value | ~Mask);

    public bool Contains(Ipv4Address address) => (address.Value & Mask) == Network.Value;

    public bool Contains(Ipv4Cidr other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    /// <summary>
    /// Parses <c>a.b.c.d/n</c>. On <see cref="CidrParseOutcome.HostBitsSet"/>, <paramref name="cidr"/> holds the masked
    /// network so a message can suggest it.
    /// </summary>
    public static CidrParseOutcome TryParse(string? text, out Ipv4Cidr cidr)
    {
        cidr = default;
        if (text is null || text.Length > Ipv4Address.MaxTextLength + 3) return CidrParseOutcome.Malformed;
        int slash = text.IndexOf('/');
        if (slash < 0) return CidrParseOutcome.Malformed;
        if (!Ipv4Address.TryParse(text[..slash], out var address)) return CidrParseOutcome.Malformed;
        string prefixText = text[(slash + 1)..];
        if (prefixText.Length is 0 or > 2 || !prefixText.All(char.IsAsciiDigit) || (prefixText.Length == 2 && prefixText[0] == '0'))
            return CidrParseOutcome.Malformed;
        int prefix = int.Parse(prefixText, System.Globalization.CultureInfo.InvariantCulture);
        if (prefix > 32) return CidrParseOutcome.Malformed;
        uint mask = MaskFor(prefix);
        cidr = new Ipv4Cidr(new Ipv4Address(address.Value & mask), prefix);
        return (address.Value & ~mask) == 0 ? CidrParseOutcome.Valid : CidrParseOutcome.HostBitsSet;
    }

    public override string ToString() => $"{Network}/{PrefixLength}";

    private static uint MaskFor(int prefixLength) => prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
}
