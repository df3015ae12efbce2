using System.Net;
using System.Net.Sockets;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// Our own engine as the demo customer gateway, for hosts without strongSwan: an <see cref="IkeEngine"/> on real UDP
/// sockets bound to the customer address only, loaded with the mirror of the connection (<see cref="CustomerMirror"/>).
/// It waits for the VPN gateway to initiate. Disposing it closes the sockets before anything else, so no Delete
/// notification leaves: to the gateway it is a peer that went silent.
/// </summary>
sealed class EngineDemoPeer : IDemoCustomerPeer
{
    readonly IkeEngine engine;
    readonly PreSharedKey psk;
    int stopped;

    EngineDemoPeer(IkeEngine engine, PreSharedKey psk, int ikePort, int natPort)
    {
        this.engine = engine;
        this.psk = psk;
        IkePort = ikePort;
        NatPort = natPort;
    }

    public DemoPeerKind Kind => DemoPeerKind.Engine;
    public int IkePort { get; }
    public int NatPort { get; }
    public string Description => $"our IKE engine on UDP {IkePort}/{NatPort}";

    /// <summary>Binds <c>customer.LocalEndpoint</c> and the NAT-T port next to it and loads the connection.</summary>
    public static async Task<EngineDemoPeer> StartAsync(ConnectionConfig customer, int natPort, ILoggerFactory loggers)
    {
        var local = customer.LocalEndpoint;
        UdpDatagramTransport transport;
        try { transport = new UdpDatagramTransport([local, new IPEndPoint(local.Address, natPort)]); }
        catch (SocketException e)
        {
            customer.Psk.Dispose();
            throw new DemoPeerException($"our engine cannot listen on {local.Address} UDP {local.Port}/{natPort}: {e.SocketErrorCode} (in use?)");
        }
        var engine = new IkeEngine(transport, new IkeEngineOptions { LoggerFactory = loggers });
        var peer = new EngineDemoPeer(engine, customer.Psk, local.Port, natPort);
        string? refused = null;
        try { engine.LoadConnection(customer); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // the connection passed the API's validation, so this is a gap between the API and the engine: say it
            refused = e.Message;
        }
        if (refused is null) return peer;
        await peer.KillAsync();
        throw new DemoPeerException($"our engine cannot run the mirror of this connection: {refused}");
    }

    public Task<DemoPeerSas> ListSasAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref stopped) == 1) return Task.FromResult(new DemoPeerSas([], null));
        var sas = engine.ListSas().Select(sa => new DemoIkeSa(sa.Connection, sa.State,
            [.. sa.Children.Select(c => new DemoChildSa(c.Name, c.State))])).ToList();
        return Task.FromResult(new DemoPeerSas(sas, null));
    }

    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1) return;
        await engine.DisposeAsync();
        psk.Dispose();
    }

    /// <summary>On runtime shutdown the engine stops the same way: the runtime's own gateway engine goes with it.</summary>
    public async ValueTask DisposeAsync() => await KillAsync();
}
