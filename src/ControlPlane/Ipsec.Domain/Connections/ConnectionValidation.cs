namespace Ipsec.Domain;

/// <summary>
/// One run of the connection rules. A create starts from the defaults of the gateway's kind, a modify from the current
/// settings; the given fields are checked and laid over that base, then the rules that span fields run on the result.
/// Every error is collected; the settings are returned only when there are none.
/// </summary>
internal sealed class ConnectionValidation
{
    private readonly Findings findings = new();
    private readonly ConnectionRequest request;
    private readonly ConnectionContext context;
    private readonly ConnectionSettings? current;

    private ConnectionValidation(ConnectionRequest request, ConnectionContext context, ConnectionSettings? current)
    {
        this.request = request;
        this.context = context;
        this.current = current;
    }

    private bool IsCreate => current is null;

    public static Validated<ConnectionSettings> Create(ConnectionRequest request, ConnectionContext context) =>
        new ConnectionValidation(request, context, null).Run();

    public static Validated<ConnectionSettings> Modify(ConnectionSettings current, ConnectionRequest patch, ConnectionContext context) =>
        new ConnectionValidation(patch, context, current).Run();

    private Validated<ConnectionSettings> Run()
    {
        var gateway = ResolveVpnGateway();
        var customerGateway = ResolveCustomerGateway();
        GatewayKind? kind = gateway?.Kind;
        var before = current ?? DefaultsFor(gateway, customerGateway);

        var after = new ConnectionSettings(
            ResolveName(before.Name),
            before.VpnGatewayId,
            before.CustomerGatewayId,
            ResolveRoutingMode(gateway, before.RoutingMode),
            ResolveSubnets(request.LocalSubnets, "localSubnets", before.LocalSubnets),
            ResolveSubnets(request.RemoteSubnets, "remoteSubnets", before.RemoteSubnets),
            request.EffectImmediately ?? before.EffectImmediately,
            IkeConfigRules.Resolve(request.IkeConfig, before.IkeConfig, kind, IsCreate, findings),
            IpsecConfigRules.Resolve(request.IpsecConfig, before.IpsecConfig, kind, findings),
            request.EnableDpd ?? before.EnableDpd,
            request.EnableNatTraversal ?? before.EnableNatTraversal,
            BgpRules.Resolve(request.BgpConfig, before.BgpConfig, IsCreate, context, findings),
            HealthCheckRules.Resolve(request.HealthCheckConfig, before.HealthCheckConfig, findings),
            ResolveRemoteCaCertificate(kind, before.RemoteCaCertificate));

        if (request.Psk is not null) findings.AddRange(ConnectionRules.ValidatePsk(request.Psk, kind ?? GatewayKind.Standard).Errors);
        if (IsCreate) CheckClientToken();
        if (IsCreate) CheckSmCertificatesBound(gateway);
        CheckSubnetCountForIkeVersion(after);
        FeatureAllowList.Check(context.Account, request, before, after, findings);
        ConnectionWarnings.Add(after, findings);
        return findings.Result(() => after);
    }

    /// <summary>
    /// The base of a create. Without a known gateway (already reported) the standard defaults stand in, and the
    /// kind-specific checks are skipped.
    /// </summary>
    private ConnectionSettings DefaultsFor(VpnGateway? gateway, CustomerGateway? customerGateway)
    {
        var kind = gateway?.Kind ?? GatewayKind.Standard;
        string localId = gateway?.PublicIp ?? "";
        string remoteId = kind == GatewayKind.Sm ? "" : customerGateway?.IpAddress ?? "";
        return new ConnectionSettings(
            Name: "",
            VpnGatewayId: request.VpnGatewayId ?? "",
            CustomerGatewayId: request.CustomerGatewayId ?? "",
            RoutingMode: ConnectionDefaults.RoutingModeFor(gateway?.Version ?? GatewayVersion.Current),
            LocalSubnets: [],
            RemoteSubnets: [],
            EffectImmediately: ConnectionDefaults.EffectImmediately,
            IkeConfig: ConnectionDefaults.IkeConfigFor(kind, localId, remoteId),
            IpsecConfig: ConnectionDefaults.IpsecConfigFor(kind),
            EnableDpd: ConnectionDefaults.EnableDpd,
            EnableNatTraversal: ConnectionDefaults.EnableNatTraversal,
            BgpConfig: ConnectionDefaults.BgpConfig,
            HealthCheckConfig: ConnectionDefaults.HealthCheckConfig,
            RemoteCaCertificate: null);
    }

    /// <summary>
    /// The gateway the connection is (or will be) on. A gateway of another account is treated as absent: a caller
    /// never learns that another account's resource exists (PRODUCT.md section 6).
    /// </summary>
    private VpnGateway? ResolveVpnGateway()
    {
        const string field = "vpnGatewayId";
        string? id = current?.VpnGatewayId ?? request.VpnGatewayId;
        if (current is not null && request.VpnGatewayId is not null && request.VpnGatewayId != current.VpnGatewayId)
            findings.Invalid(field, "a connection cannot move to another VPN gateway; create a new connection instead", ErrorCodes.Reasons.Immutable);
        if (id is null)
        {
            findings.Missing(field, "vpnGatewayId is required");
            return null;
        }
        if (context.Gateway is { } gateway && gateway.VpnGatewayId == id && gateway.AccountId == context.Account.AccountId) return gateway;
        findings.Add(new ApiError(ErrorCodes.VpnGatewayNotFound, field, $"VPN gateway {id} does not exist"));
        return null;
    }

    /// <summary>
    /// Required on create. On modify the customer gateway cannot change, and it is only consulted (for BGP's peer
    /// ASN) when the caller passes it.
    /// </summary>
    private CustomerGateway? ResolveCustomerGateway()
    {
        const string field = "customerGatewayId";
        if (current is not null)
        {
            if (request.CustomerGatewayId is not null && request.CustomerGatewayId != current.CustomerGatewayId)
                findings.Invalid(field, "a connection cannot move to another customer gateway; create a new connection instead", ErrorCodes.Reasons.Immutable);
            return context.CustomerGateway;
        }
        string? id = request.CustomerGatewayId;
        if (id is null)
        {
            findings.Missing(field, "customerGatewayId is required");
            return null;
        }
        if (context.CustomerGateway is { } customerGateway && customerGateway.CustomerGatewayId == id && customerGateway.AccountId == context.Account.AccountId)
            return customerGateway;
        findings.Add(new ApiError(ErrorCodes.CustomerGatewayNotFound, field, $"customer gateway {id} does not exist"));
        return null;
    }

    private string ResolveName(string before)
    {
        if (request.Name is null)
        {
            if (IsCreate) findings.Missing("name", $"name is required: {NameRule.Description}");
            return before;
        }
        if (NameRule.IsValid(request.Name)) return request.Name;
        findings.Invalid("name", $"name must be {NameRule.Description}");
        return before;
    }

    /// <summary>
    /// Legacy gateways take no routing mode (seed: "如果您当前的VPN版本为旧版，您无需选择路由模式"): the user adds routes by hand.
    /// </summary>
    private RoutingMode? ResolveRoutingMode(VpnGateway? gateway, RoutingMode? before)
    {
        if (request.RoutingMode is null) return before;
        if (gateway?.Version == GatewayVersion.Legacy)
        {
            findings.Add(new ApiError(ErrorCodes.RoutingModeOnLegacyGateway, "routingMode",
                "legacy VPN gateways take no routing mode; add destination or policy routes to the gateway by hand"));
            return before;
        }
        if (EnumSpelling.TryParse(request.RoutingMode, out RoutingMode mode)) return mode;
        findings.Invalid("routingMode", $"routingMode must be one of {EnumSpelling.List<RoutingMode>()}");
        return before;
    }

    private IReadOnlyList<string> ResolveSubnets(IReadOnlyList<string>? given, string field, IReadOnlyList<string> before)
    {
        if (given is null)
        {
            if (IsCreate) findings.Missing(field, $"{field} is required: a list of IPv4 CIDR blocks");
            return before;
        }
        return SubnetRules.Resolve(given, field, ConnectionLimits.MaxSubnetsPerSide, findings) ?? before;
    }

    /// <summary>
    /// Seed: "只有IKE V2版本下才可以配置多网段" (several subnets only with IKEv2): an IKEv1 quick mode negotiates one
    /// pair of ID payloads (RFC 2409 section 5.5), IKEv2 traffic selectors carry several (RFC 7296 section 2.9). The
    /// error names the field the request changed: the list when it was given, otherwise ikeVersion (a PATCH
    /// switching an existing multi-subnet connection to ikev1).
    /// </summary>
    private void CheckSubnetCountForIkeVersion(ConnectionSettings after)
    {
        if (after.IkeConfig.IkeVersion != IkeVersion.Ikev1) return;
        const string reason = ErrorCodes.Reasons.MultipleSubnetsRequireIkev2;
        bool blamedAList = false;
        foreach (var (list, given, field) in new[] { (after.LocalSubnets, request.LocalSubnets, "localSubnets"), (after.RemoteSubnets, request.RemoteSubnets, "remoteSubnets") })
        {
            if (list.Count <= 1 || given is null) continue;
            findings.Invalid(field, $"{field} lists {list.Count} subnets; more than one needs ikeVersion ikev2", reason);
            blamedAList = true;
        }
        if (!blamedAList && (after.LocalSubnets.Count > 1 || after.RemoteSubnets.Count > 1))
            findings.Invalid("ikeConfig.ikeVersion", "the connection has more than one local or remote subnet, which needs ikev2", reason);
    }

    /// <summary>sm gateways authenticate with the peer CA's certificate; standard gateways use the PSK and take none.</summary>
    private string? ResolveRemoteCaCertificate(GatewayKind? kind, string? before)
    {
        const string field = "remoteCaCertificate";
        string? given = request.RemoteCaCertificate;
        if (given is null)
        {
            if (IsCreate && kind == GatewayKind.Sm)
                findings.Missing(field, "remoteCaCertificate is required on sm gateways: the peer CA certificate in PEM form");
            return before;
        }
        if (kind == GatewayKind.Standard)
        {
            findings.Invalid(field, "remoteCaCertificate is only for sm gateways; standard gateways authenticate with the psk", ErrorCodes.Reasons.NotSupportedOnStandardGateway);
            return before;
        }
        if (PemCertificate.LooksValid(given, out string problem)) return given;
        findings.Invalid(field, $"remoteCaCertificate must be a PEM certificate: {problem}");
        return before;
    }

    private void CheckClientToken()
    {
        if (request.ClientToken is not { } token) return;
        if (token.Length is >= 1 and <= ConnectionLimits.MaxClientTokenLength && token.All(c => c is >= '!' and <= '~')) return;
        findings.Invalid("clientToken", $"clientToken must be 1-{ConnectionLimits.MaxClientTokenLength} printable ASCII characters without spaces");
    }

    /// <summary>PRODUCT.md section 2: an sm gateway must have its SM certificates bound before a connection is created on it.</summary>
    private void CheckSmCertificatesBound(VpnGateway? gateway)
    {
        if (gateway is { Kind: GatewayKind.Sm, SmCertificatesBound: false })
            findings.Add(new ApiError(ErrorCodes.SmCertificatesNotBound, "vpnGatewayId",
                $"VPN gateway {gateway.VpnGatewayId} has no SM signing and encryption certificates bound yet; bind them first"));
    }
}
