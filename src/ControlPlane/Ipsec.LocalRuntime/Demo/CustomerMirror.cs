using System.Net;
using Ike.Engine.Api;
using Ipsec.ControlPlane.Engine;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// The customer side of a connection for our own engine: the gateway side exactly as the control plane maps it
/// (<see cref="EngineConfigMapper"/>: same PSK, proposals, lifetimes, IKE version and mode), seen from the other end —
/// local and remote endpoints, identities and subnets swapped, as the strongSwan peer-config swaps them.
/// </summary>
static class CustomerMirror
{
    /// <summary>A demo customer has DPD on whatever the connection says (the demo is about the gateway's DPD; the
    /// customer's only keeps its own SA table honest) and waits for the VPN gateway to initiate.</summary>
    public static ConnectionConfig Of(GatewayConnectionSpec spec, EngineSettings engine, IPEndPoint customerLocal)
    {
        var gateway = EngineConfigMapper.Map(spec, engine);
        return gateway with
        {
            Name = "demo-customer-" + spec.ConnectionId,
            LocalEndpoint = customerLocal,
            RemoteEndpoint = new IPEndPoint(IPAddress.Parse(spec.GatewayPublicIp), engine.IkePort),
            LocalId = gateway.RemoteId,
            RemoteId = gateway.LocalId,
            LocalSubnets = gateway.RemoteSubnets,
            RemoteSubnets = gateway.LocalSubnets,
            Dpd = new DpdConfig(TimeSpan.FromSeconds(engine.DpdIntervalSeconds), TimeSpan.FromSeconds(engine.DpdTimeoutSeconds)),
            StartAction = StartAction.None,
        };
    }
}
