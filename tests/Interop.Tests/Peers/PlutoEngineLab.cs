using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Interop.Tests.Ikev2;
using Xunit;

namespace Interop.Tests.Peers;

/// <summary>
/// Libreswan's pluto on its own loopback address with the given ipsec.conf/ipsec.secrets, and our engine on
/// <see cref="EngineInterop.EngineAddress"/> (the IKEv1 and IKEv2 Libreswan tests share it; only the ports differ).
/// The engine's events are collected for the assertions.
/// </summary>
public sealed class PlutoEngineLab : IAsyncDisposable
{
    readonly List<EngineEvent> events = [];

    PlutoEngineLab(LoopbackAddresses addresses, LibreswanPeer pluto, IkeEngine engine, TestLoggerFactory log)
    {
        (Addresses, Pluto, Engine, Log) = (addresses, pluto, engine, log);
        engine.EventRaised += e =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
    }

    public LoopbackAddresses Addresses { get; }

    public LibreswanPeer Pluto { get; }

    public IkeEngine Engine { get; }

    public TestLoggerFactory Log { get; }

    public static async Task<PlutoEngineLab> StartAsync(string plutoAddress, string connections, string secrets, int engineIkePort = 500, int engineNatPort = 4500)
    {
        PeerEnvironment.SkipUnlessAvailable();
        Skip.IfNot(LibreswanPeer.IsAvailable || PeerEnvironment.IsContinuousIntegration(Environment.GetEnvironmentVariable("CI")),
            "Libreswan is not unpacked in /opt/libreswan (../shared/reference/ikepeers/setup.sh --libreswan)");
        LoopbackAddresses addresses = await LoopbackAddresses.AddAsync(plutoAddress);
        LibreswanPeer? pluto = null;
        try
        {
            pluto = await LibreswanPeer.StartAsync(plutoAddress, connections, secrets);
            var transport = new UdpDatagramTransport([
                new IPEndPoint(IPAddress.Parse(EngineInterop.EngineAddress), engineIkePort),
                new IPEndPoint(IPAddress.Parse(EngineInterop.EngineAddress), engineNatPort)]);
            var log = new TestLoggerFactory();
            var engine = new IkeEngine(transport, new IkeEngineOptions { Timing = EngineInterop.Timing, LoggerFactory = log });
            return new PlutoEngineLab(addresses, pluto, engine, log);
        }
        catch
        {
            if (pluto is not null)
            {
                await pluto.DisposeAsync();
            }

            await addresses.DisposeAsync();
            throw;
        }
    }

    public bool Has(EngineEventType type)
    {
        lock (events)
        {
            return events.Any(e => e.Type == type);
        }
    }

    public string Describe() => $"{Pluto.Describe()}\n{Log.Describe()}";

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Pluto.DisposeAsync();
        await Addresses.DisposeAsync();
    }
}
