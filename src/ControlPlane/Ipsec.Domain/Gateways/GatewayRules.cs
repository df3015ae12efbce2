namespace Ipsec.Domain;

/// <summary>Rules for creating VPN gateways and customer gateways (PRODUCT.md section 2).</summary>
public static class GatewayRules
{
    /// <summary>
    /// name (required, <see cref="NameRule"/>), kind standard|sm (default standard), version current|legacy (default
    /// current), publicIp a unicast IPv4 address (required), vpcCidrs a non-empty list of CIDR blocks. A new gateway
    /// has no SM certificates bound and BGP off.
    /// </summary>
    public static Validated<VpnGateway> ValidateVpnGateway(VpnGatewayRequest r, string accountId, string newId)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(newId);
        var findings = new Findings();
        string name = Name(r.Name, findings);
        var kind = Choice(r.Kind, "kind", GatewayKind.Standard, findings);
        var version = Choice(r.Version, "version", GatewayVersion.Current, findings);
        string publicIp = UnicastAddress(r.PublicIp, "publicIp", "the gateway's public IPv4 address", findings);
        IReadOnlyList<string> vpcCidrs = [];
        if (r.VpcCidrs is null) findings.Missing("vpcCidrs", "vpcCidrs is required: the CIDR blocks of the VPC behind the gateway");
        else vpcCidrs = SubnetRules.Resolve(r.VpcCidrs, "vpcCidrs", GatewayLimits.MaxVpcCidrs, findings) ?? [];
        return findings.Result(() => new VpnGateway(newId, accountId, name, kind, version, publicIp, vpcCidrs, SmCertificatesBound: false, BgpEnabled: false));
    }

    /// <summary>name (required), ipAddress a unicast IPv4 address (required), asn optional (asplain or asdot).</summary>
    public static Validated<CustomerGateway> ValidateCustomerGateway(CustomerGatewayRequest r, string accountId, string newId)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(newId);
        var findings = new Findings();
        string name = Name(r.Name, findings);
        string ipAddress = UnicastAddress(r.IpAddress, "ipAddress", "the customer gateway's public IPv4 address", findings);
        long? asn = null;
        if (r.Asn is not null)
        {
            if (AsNumber.TryParse(r.Asn, out long parsed)) asn = parsed;
            else findings.Invalid("asn", $"asn must be {AsNumber.Description}");
        }
        return findings.Result(() => new CustomerGateway(newId, accountId, name, ipAddress, asn));
    }

    private static string Name(string? name, Findings findings)
    {
        if (name is null) findings.Missing("name", $"name is required: {NameRule.Description}");
        else if (!NameRule.IsValid(name)) findings.Invalid("name", $"name must be {NameRule.Description}");
        return name ?? "";
    }

    private static TEnum Choice<TEnum>(string? given, string field, TEnum fallback, Findings findings) where TEnum : struct, Enum
    {
        if (given is null) return fallback;
        if (EnumSpelling.TryParse(given, out TEnum value)) return value;
        findings.Invalid(field, $"{field} must be one of {EnumSpelling.List<TEnum>()}");
        return fallback;
    }

    private static string UnicastAddress(string? given, string field, string meaning, Findings findings)
    {
        if (given is null)
        {
            findings.Missing(field, $"{field} is required: {meaning}");
            return "";
        }
        if (Ipv4Address.TryParse(given, out var address) && address.IsUnicast) return address.ToString();
        findings.Invalid(field, $"{field} must be a unicast IPv4 address (not 0.0.0.0/8, multicast or reserved): {meaning}");
        return "";
    }
}
