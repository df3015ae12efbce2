using System.Net;
using Ike.Engine.Api;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Engine;

/// <summary>Timing and ports of the engine as the host runs it (configuration section <c>Engine</c>).</summary>
public sealed record EngineSettings(int IkePort = 500, int NatPort = 4500, int PeerIkePort = 500, int DpdIntervalSeconds = 10, int DpdTimeoutSeconds = 30);

/// <summary>Turns a connection (the product's API view) into the engine's <see cref="ConnectionConfig"/>.</summary>
public static class EngineConfigMapper
{
    /// <summary>Why the engine cannot run this connection yet, or null when it can.</summary>
    public static string? Unsupported(ConnectionSettings s) =>
        s.IkeConfig.IkeEncAlg == "sm4" ? "SM (national-crypto) negotiation is not available yet" : null;

    public static ConnectionConfig Map(GatewayConnectionSpec spec, EngineSettings engine)
    {
        var s = spec.Settings;
        var ike = s.IkeConfig;
        var esp = s.IpsecConfig;
        return new ConnectionConfig(
            Name: EngineConnectionNames.Of(spec.AccountId, spec.ConnectionId),
            Protocol: ike.IkeVersion == IkeVersion.Ikev2 ? IkeProtocol.Ikev2 : ike.IkeMode == IkeMode.Aggressive ? IkeProtocol.Ikev1Aggressive : IkeProtocol.Ikev1Main,
            LocalEndpoint: new IPEndPoint(IPAddress.Parse(spec.GatewayPublicIp), engine.IkePort),
            RemoteEndpoint: new IPEndPoint(IPAddress.Parse(spec.CustomerGatewayIp), engine.PeerIkePort),
            LocalId: ike.LocalId,
            RemoteId: ike.RemoteId,
            Psk: new PreSharedKey(spec.Psk),
            Ike: new IkeProposalConfig(ike.IkeEncAlg, ike.IkeAuthAlg, ike.IkePfs ?? "group14"),
            Child: new ChildProposalConfig(esp.IpsecEncAlg, esp.IpsecAuthAlg, esp.IpsecPfs == AlgorithmCatalog.PfsDisabled ? null : esp.IpsecPfs),
            LocalSubnets: s.LocalSubnets.Select(Subnet.Parse).ToList(),
            RemoteSubnets: s.RemoteSubnets.Select(Subnet.Parse).ToList(),
            IkeLifetime: TimeSpan.FromSeconds(ike.IkeLifetime),
            ChildLifetime: TimeSpan.FromSeconds(esp.IpsecLifetime),
            Dpd: s.EnableDpd ? new DpdConfig(TimeSpan.FromSeconds(engine.DpdIntervalSeconds), TimeSpan.FromSeconds(engine.DpdTimeoutSeconds)) : null,
            NatTraversal: s.EnableNatTraversal,
            // effectImmediately=false: the first outbound packet for the tunnel (the gateway's own traffic: health-check
            // probes) starts the negotiation; POST /api/connections/{id}/negotiate starts it by hand.
            StartAction: s.EffectImmediately ? StartAction.Immediately : StartAction.OnTraffic);
    }
}
