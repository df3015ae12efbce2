namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// The local runtime's demo customer gateway (configuration section <c>Demo</c>). It plays the customer side of a
/// connection on this host, so its address must be one the demo can own: a loopback address other than the VPN
/// gateway's 127.0.0.1.
/// </summary>
sealed record DemoCustomerGatewayOptions
{
    public const string Section = "Demo";

    /// <summary>The only customer gateway address the demo serves (added to lo with scope global when missing); a loopback
    /// address other than 127.0.0.1.</summary>
    public string Address { get; init; } = "127.0.0.2";

    /// <summary>The demo peer's IKE port when the gateway engine's peer port would clash with the engine's own ports
    /// (the default: everything on 500): see <see cref="DemoPeerPorts"/>.</summary>
    public int IkePort { get; init; } = 25500;

    /// <summary>The demo peer's NAT-T port (charon's port_nat_t; our engine's second socket); unset, 1000 below its IKE
    /// port (25500 → 24500), so demo peers on different IKE ports do not share one.</summary>
    public int? NatPort { get; init; }

    /// <summary>The NAT-T port that goes with IKE port <paramref name="ikePort"/>.</summary>
    public int NatPortFor(int ikePort) => NatPort ?? (ikePort > 1000 ? ikePort - 1000 : ikePort + 1000);

    /// <summary>State directories of demo charons (config, vici socket, log) live under this folder, in one folder per
    /// runtime process (see <see cref="DemoLeftovers"/>).</summary>
    public string StateRoot { get; init; } = Path.Combine(Path.GetTempPath(), "ipsec-demo");
}
