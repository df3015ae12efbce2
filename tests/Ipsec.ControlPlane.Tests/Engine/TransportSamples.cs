using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Tests.Engine;

/// <summary>Commands as the control plane builds them, for the transport tests.</summary>
static class TransportSamples
{
    public const string Psk = "s3cret-Psk-visible-nowhere";

    public static ConnectionSettings Settings(string gatewayId) => new(
        Name: "hq", VpnGatewayId: gatewayId, CustomerGatewayId: "cgw-aaaaaaaaaaaaaaaaaaaa", RoutingMode: RoutingMode.ProtectedFlows,
        LocalSubnets: ["172.16.0.0/24"], RemoteSubnets: ["10.1.0.0/24", "10.2.0.0/24"], EffectImmediately: true,
        IkeConfig: new IkeConfig(IkeVersion.Ikev2, IkeMode.Main, "aes256", "sha384", "group14", 86400, "198.51.100.7", "203.0.113.9"),
        IpsecConfig: new IpsecConfig("aes", "sha256", "disabled", 3600),
        EnableDpd: true, EnableNatTraversal: false,
        BgpConfig: new BgpConfig(true, "169.254.10.0/30", "169.254.10.1", 45104),
        HealthCheckConfig: new HealthCheckConfig(true, "10.1.0.1", "172.16.0.1", 3, 3),
        RemoteCaCertificate: null);

    public static ApplyConnectionCommand Apply(string gatewayId = "vpn-abcdefghijklmnopqrst", string replyTo = "ipsec-xyz") =>
        new(EngineCommandIds.New(), replyTo, gatewayId, "acct-1", "ipsec-xyz",
            new GatewayConnectionSpec("acct-1", "ipsec-xyz", "198.51.100.7", "203.0.113.9", Settings(gatewayId), Psk,
                new BgpPeering("169.254.10.0/30", "169.254.10.1", "169.254.10.2", 45104, 65001)));

    public static IEnumerable<EngineCommand> AllKinds(string gatewayId = "vpn-abcdefghijklmnopqrst")
    {
        yield return Apply(gatewayId);
        yield return new InitiateNegotiationCommand(EngineCommandIds.New(), "ipsec-xyz-negotiate-1", gatewayId, "acct-1", "ipsec-xyz");
        yield return new RemoveConnectionCommand(EngineCommandIds.New(), "ipsec-xyz-delete", gatewayId, "acct-1", "ipsec-xyz");
        yield return new QueryConnectionCommand(EngineCommandIds.New(), "ipsec-xyz-watch", gatewayId, "acct-1", "ipsec-xyz");
    }
}
