namespace Ipsec.Domain;

/// <summary>
/// <c>bgpConfig</c>: a /30 tunnel CIDR in 169.254.0.0/16 outside the reserved blocks and unique on the gateway, our
/// BGP address inside it, our AS number; and BGP, once on, stays on (seed: "VPN网关开启BGP功能后，不支持关闭").
/// </summary>
internal static class BgpRules
{
    private const string Prefix = "bgpConfig";
    private const string EnableField = $"{Prefix}.enableBgp";
    private const string TunnelCidrField = $"{Prefix}.tunnelCidr";
    private const string LocalBgpIpField = $"{Prefix}.localBgpIp";
    private const string LocalAsnField = $"{Prefix}.localAsn";

    /// <summary>The tunnel carries a point-to-point BGP session: two usable hosts.</summary>
    private const int TunnelPrefixLength = 30;

    /// <summary>IPv4 link-local (RFC 3927), never routed beyond the link, so the BGP peering cannot leak.</summary>
    private static readonly Ipv4Cidr LinkLocal = new(new Ipv4Address(0xA9FE0000), 16);

    /// <summary>
    /// Reserved blocks (PRODUCT.md section 3): every /30 from 169.254.0.0/30 up to 169.254.6.0/30, i.e. the range
    /// 169.254.0.0–169.254.6.3, and 169.254.169.252/30 (next to the 169.254.169.254 metadata address clouds use).
    /// </summary>
    private static readonly (uint First, uint Last) ReservedLowRange = (0xA9FE0000, 0xA9FE0603);
    private static readonly Ipv4Cidr ReservedMetadataBlock = new(new Ipv4Address(0xA9FEA9FC), 30);

    public static BgpConfig Resolve(BgpConfigRequest? given, BgpConfig current, bool isCreate, ConnectionContext context, Findings findings)
    {
        bool enable = given?.EnableBgp ?? current.EnableBgp;
        var (tunnelCidr, tunnelCidrFailed) = ResolveTunnelCidr(given?.TunnelCidr, current.TunnelCidr, isCreate, context, findings);
        var (localBgpIp, localBgpIpFailed) = ResolveLocalBgpIp(given?.LocalBgpIp, current.LocalBgpIp, findings);
        long localAsn = ResolveLocalAsn(given?.LocalAsn, current.LocalAsn, findings);

        if (enable && tunnelCidr is null && !tunnelCidrFailed)
            findings.Missing(TunnelCidrField, $"{TunnelCidrField} is required with BGP: a /30 inside 169.254.0.0/16");
        if (enable && localBgpIp is null && !localBgpIpFailed)
            findings.Missing(LocalBgpIpField, $"{LocalBgpIpField} is required with BGP: a usable address inside {TunnelCidrField}");
        if (tunnelCidr is not null && localBgpIp is not null && !tunnelCidrFailed && !localBgpIpFailed)
            CheckLocalBgpIpInTunnel(tunnelCidr, localBgpIp, findings);

        // The BGP session needs the peer's AS number, which belongs to the customer gateway. Checked when BGP is being
        // switched on; a customer gateway the caller did not pass cannot be checked here.
        bool switchingOn = enable && (isCreate || !current.EnableBgp);
        if (switchingOn && context.CustomerGateway is { Asn: null } customerGateway)
            findings.Add(new ApiError(ErrorCodes.CustomerGatewayAsnRequired, EnableField,
                $"BGP needs the peer's AS number: customer gateway {customerGateway.CustomerGatewayId} has no asn"));

        if (!isCreate && given?.EnableBgp == false && (current.EnableBgp || context.Gateway?.BgpEnabled == true))
            findings.Add(new ApiError(ErrorCodes.BgpCannotBeDisabled, EnableField,
                "BGP cannot be switched off once it was enabled on the VPN gateway"));

        return new BgpConfig(enable, tunnelCidr, localBgpIp, localAsn);
    }

    private static (string? Value, bool Failed) ResolveTunnelCidr(string? given, string? current, bool isCreate, ConnectionContext context, Findings findings)
    {
        if (given is null) return (current, false);
        string? problem = null, reason = null;
        var outcome = Ipv4Cidr.TryParse(given, out var cidr);
        if (outcome == CidrParseOutcome.Malformed)
            problem = $"{TunnelCidrField} must be a CIDR block such as 169.254.10.0/30";
        else if (cidr.PrefixLength != TunnelPrefixLength)
            (problem, reason) = ($"{TunnelCidrField} must be a /30, not a /{cidr.PrefixLength}", ErrorCodes.Reasons.PrefixLength);
        else if (outcome == CidrParseOutcome.HostBitsSet)
            (problem, reason) = ($"{TunnelCidrField} has host bits set; the /30 network is {cidr}", ErrorCodes.Reasons.HostBitsSet);
        else if (!LinkLocal.Contains(cidr))
            (problem, reason) = ($"{TunnelCidrField} must be inside 169.254.0.0/16", ErrorCodes.Reasons.OutsideLinkLocal);
        else if (IsReserved(cidr))
            (problem, reason) = ($"{TunnelCidrField} {cidr} is reserved: 169.254.0.0/30 to 169.254.6.0/30 and 169.254.169.252/30 cannot be used", ErrorCodes.Reasons.Reserved);
        else if ((isCreate || cidr.ToString() != current) && UsedOnGateway(cidr.ToString(), context))
            (problem, reason) = ($"{TunnelCidrField} {cidr} is already used by another connection on this VPN gateway", ErrorCodes.Reasons.AlreadyUsed);

        if (problem is null) return (cidr.ToString(), false);
        findings.Invalid(TunnelCidrField, problem, reason);
        return (current, true);
    }

    private static bool IsReserved(Ipv4Cidr cidr) =>
        (cidr.Network.Value >= ReservedLowRange.First && cidr.Network.Value <= ReservedLowRange.Last) || cidr == ReservedMetadataBlock;

    /// <summary>All tunnel CIDRs here are aligned /30s, so two overlap exactly when they are equal.</summary>
    private static bool UsedOnGateway(string cidr, ConnectionContext context) =>
        context.OtherConnectionsOnGateway.Any(other => other.BgpConfig.TunnelCidr == cidr);

    private static (string? Value, bool Failed) ResolveLocalBgpIp(string? given, string? current, Findings findings)
    {
        if (given is null) return (current, false);
        if (Ipv4Address.TryParse(given, out var address)) return (address.ToString(), false);
        findings.Invalid(LocalBgpIpField, $"{LocalBgpIpField} must be an IPv4 address inside {TunnelCidrField}");
        return (current, true);
    }

    private static void CheckLocalBgpIpInTunnel(string tunnelCidr, string localBgpIp, Findings findings)
    {
        Ipv4Cidr.TryParse(tunnelCidr, out var cidr);
        Ipv4Address.TryParse(localBgpIp, out var address);
        if (!cidr.Contains(address))
            findings.Invalid(LocalBgpIpField, $"{LocalBgpIpField} {address} is not inside {TunnelCidrField} {cidr}", ErrorCodes.Reasons.OutsideTunnelCidr);
        else if (address == cidr.Network || address == cidr.Last)
            // RFC 1122 section 3.2.1.3: the all-zeros and all-ones host parts are the network and broadcast addresses.
            findings.Invalid(LocalBgpIpField, $"{LocalBgpIpField} {address} is the network or broadcast address of {cidr}; use one of its two usable hosts", ErrorCodes.Reasons.NotUsableHost);
    }

    private static long ResolveLocalAsn(string? given, long current, Findings findings)
    {
        if (given is null) return current;
        if (AsNumber.TryParse(given, out long asn)) return asn;
        findings.Invalid(LocalAsnField, $"{LocalAsnField} must be {AsNumber.Description}");
        return current;
    }
}
