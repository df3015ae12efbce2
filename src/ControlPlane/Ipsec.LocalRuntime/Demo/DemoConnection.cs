using Ipsec.ControlPlane.Engine;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>A connection the demo can play the customer side of: the gateway engine's spec (our engine mirrors it), and
/// the connection's peer-config (charon loads it).</summary>
sealed record DemoConnection(GatewayConnectionSpec Spec, string StrongSwanConf);
