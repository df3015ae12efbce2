using Microsoft.Extensions.Configuration;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// Where the demo customer gateway listens, decided once at startup so that connections created before the demo peer
/// starts already point at it. charon binds the wildcard address, so with everything on 500/4500 (the defaults) it
/// could not start next to the gateway engine on 127.0.0.1:500; then the demo address gets its own IKE port through the
/// engine's per-address override (<c>Engine:PeerIkePorts:{address}</c>) and every other customer address keeps
/// <c>Engine:PeerIkePort</c>.
/// </summary>
static class DemoPeerPorts
{
    /// <summary>Adds <c>Engine:PeerIkePorts:{Demo:Address}</c> = <c>Demo:IkePort</c> when the engine would otherwise send
    /// to one of its own ports and nothing is configured for that address. Call before the engine settings are read.</summary>
    public static void Configure(ConfigurationManager configuration)
    {
        var demo = configuration.GetSection(DemoCustomerGatewayOptions.Section).Get<DemoCustomerGatewayOptions>() ?? new DemoCustomerGatewayOptions();
        string key = $"Engine:PeerIkePorts:{demo.Address}";
        if (configuration[key] is not null) return;
        int ikePort = configuration.GetValue("Engine:IkePort", 500);
        int natPort = configuration.GetValue("Engine:NatPort", 4500);
        int peerPort = configuration.GetValue("Engine:PeerIkePort", 500);
        if (peerPort != ikePort && peerPort != natPort) return;
        configuration.AddInMemoryCollection([new(key, demo.IkePort.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }
}
