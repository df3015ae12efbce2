using System.Text.Json;

namespace Ipsec.Domain;

/// <summary>
/// Turns request bodies into request records without throwing: a wrong JSON type is an error naming the field
/// (<c>{"code":"InvalidParameter.IkeConfig.IkeLifetime.WrongType","field":"ikeConfig.ikeLifetime"}</c>), and every
/// such error in the body is reported at once. Values are not checked here beyond their JSON type; the rules classes
/// do that, so a PATCH and a create share one set of rules.
/// </summary>
public static class RequestReader
{
    public static Validated<ConnectionRequest> ReadConnection(JsonElement body)
    {
        var findings = new Findings();
        var fields = JsonObjectFields.OpenBody(body, findings);
        if (fields is null) return findings.Failure<ConnectionRequest>();

        var request = new ConnectionRequest(
            Name: fields.String("name"),
            VpnGatewayId: fields.String("vpnGatewayId"),
            CustomerGatewayId: fields.String("customerGatewayId"),
            RoutingMode: fields.String("routingMode"),
            LocalSubnets: fields.StringList("localSubnets", allowCommaSeparated: true),
            RemoteSubnets: fields.StringList("remoteSubnets", allowCommaSeparated: true),
            EffectImmediately: fields.Boolean("effectImmediately"),
            Psk: fields.String("psk"),
            IkeConfig: ReadIkeConfig(fields.Object("ikeConfig")),
            IpsecConfig: ReadIpsecConfig(fields.Object("ipsecConfig")),
            EnableDpd: fields.Boolean("enableDpd"),
            EnableNatTraversal: fields.Boolean("enableNatTraversal"),
            BgpConfig: ReadBgpConfig(fields.Object("bgpConfig")),
            HealthCheckConfig: ReadHealthCheckConfig(fields.Object("healthCheckConfig")),
            RemoteCaCertificate: fields.String("remoteCaCertificate"),
            ClientToken: fields.String("clientToken"));
        return findings.Result(() => request);
    }

    public static Validated<VpnGatewayRequest> ReadVpnGateway(JsonElement body)
    {
        var findings = new Findings();
        var fields = JsonObjectFields.OpenBody(body, findings);
        if (fields is null) return findings.Failure<VpnGatewayRequest>();

        var request = new VpnGatewayRequest(
            Name: fields.String("name"),
            Kind: fields.String("kind"),
            Version: fields.String("version"),
            PublicIp: fields.String("publicIp"),
            VpcCidrs: fields.StringList("vpcCidrs", allowCommaSeparated: false));
        return findings.Result(() => request);
    }

    public static Validated<CustomerGatewayRequest> ReadCustomerGateway(JsonElement body)
    {
        var findings = new Findings();
        var fields = JsonObjectFields.OpenBody(body, findings);
        if (fields is null) return findings.Failure<CustomerGatewayRequest>();

        var request = new CustomerGatewayRequest(
            Name: fields.String("name"),
            IpAddress: fields.String("ipAddress"),
            Asn: fields.IntegerOrString("asn"));
        return findings.Result(() => request);
    }

    /// <summary><c>{"features": [...]}</c>: required, any subset of the four feature names; repeats are harmless.</summary>
    public static Validated<AccountFeaturesRequest> ReadAccountFeatures(JsonElement body)
    {
        var findings = new Findings();
        var fields = JsonObjectFields.OpenBody(body, findings);
        if (fields is null) return findings.Failure<AccountFeaturesRequest>();

        var names = fields.StringList("features", allowCommaSeparated: false);
        if (names is null && !findings.HasErrors)
            findings.Missing("features", "features is required: a list of " + EnumSpelling.List<Feature>());
        var features = new HashSet<Feature>();
        for (int i = 0; names is not null && i < names.Count; i++)
        {
            if (EnumSpelling.TryParse(names[i], out Feature feature)) features.Add(feature);
            else findings.Invalid($"features[{i}]", $"features[{i}] must be one of {EnumSpelling.List<Feature>()}");
        }
        return findings.Result(() => new AccountFeaturesRequest(features));
    }

    private static IkeConfigRequest? ReadIkeConfig(JsonObjectFields? fields) => fields is null ? null : new IkeConfigRequest(
        IkeVersion: fields.String("ikeVersion"),
        IkeMode: fields.String("ikeMode"),
        IkeEncAlg: fields.String("ikeEncAlg"),
        IkeAuthAlg: fields.String("ikeAuthAlg"),
        IkePfs: fields.String("ikePfs"),
        IkeLifetime: fields.Int32("ikeLifetime"),
        LocalId: fields.String("localId"),
        RemoteId: fields.String("remoteId"));

    private static IpsecConfigRequest? ReadIpsecConfig(JsonObjectFields? fields) => fields is null ? null : new IpsecConfigRequest(
        IpsecEncAlg: fields.String("ipsecEncAlg"),
        IpsecAuthAlg: fields.String("ipsecAuthAlg"),
        IpsecPfs: fields.String("ipsecPfs"),
        IpsecLifetime: fields.Int32("ipsecLifetime"));

    private static BgpConfigRequest? ReadBgpConfig(JsonObjectFields? fields) => fields is null ? null : new BgpConfigRequest(
        EnableBgp: fields.Boolean("enableBgp"),
        TunnelCidr: fields.String("tunnelCidr"),
        LocalBgpIp: fields.String("localBgpIp"),
        LocalAsn: fields.IntegerOrString("localAsn"));

    private static HealthCheckConfigRequest? ReadHealthCheckConfig(JsonObjectFields? fields) => fields is null ? null : new HealthCheckConfigRequest(
        Enable: fields.Boolean("enable"),
        Dip: fields.String("dip"),
        Sip: fields.String("sip"),
        Interval: fields.Int32("interval"),
        Retry: fields.Int32("retry"));
}
