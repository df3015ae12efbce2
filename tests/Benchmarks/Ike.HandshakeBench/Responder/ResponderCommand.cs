using System.Net;
using System.Runtime.InteropServices;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Timing;
using Ike.Engine.Transport;

namespace Ike.HandshakeBench.Responder;

/// <summary>
/// <c>responder</c>: our IkeEngine on real UDP sockets (<see cref="UdpDatagramTransport"/>) with one IKEv2 PSK connection
/// that accepts the initiator, as a gateway agent would run it: default options (OpenSSL DH, system clock, no logger),
/// except that the COOKIE threshold is out of reach, because all load comes from one address (RFC 7296 §2.6 cookies
/// would otherwise add a round trip to every handshake once 10 are half-open). Runs until SIGTERM or SIGINT.
/// </summary>
internal static class ResponderCommand
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        IPEndPoint ike = options.Endpoint("ike");
        IPEndPoint natT = options.Endpoint("natt");
        IPEndPoint peer = options.Endpoint("peer");
        IPEndPoint status = options.Endpoint("status");
        var connection = new ConnectionConfig(
            "bench", IkeProtocol.Ikev2, ike, peer,
            options.Text("local-id"), options.Text("remote-id"), new PreSharedKey(options.Text("psk")),
            new IkeProposalConfig("aes", "sha256", "group14"),
            new ChildProposalConfig("aes", "sha256", PfsGroup: null),
            [Subnet.Parse(options.Text("local-ts", "10.31.0.0/24"))], [Subnet.Parse(options.Text("remote-ts", "10.30.0.0/24"))],
            TimeSpan.FromHours(24), TimeSpan.FromHours(8), Dpd: null, NatTraversal: true, StartAction.None);
        options.RejectUnknown();

        var counters = new HandshakeCounters();
        var transport = new UdpDatagramTransport([ike, natT]);
        await using var engine = new IkeEngine(transport, new IkeEngineOptions
        {
            Timing = new IkeTimingOptions { CookieThreshold = int.MaxValue },
        });
        engine.EventRaised += counters.OnEvent;
        engine.LoadConnection(connection);
        await using var listener = new StatusListener(status, counters);

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopped.TrySetResult();
        });
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stopped.TrySetResult();
        });
        Console.WriteLine($"responder ready pid={Environment.ProcessId} ike={ike} natt={natT} status={status} gc={(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} cpus={Environment.ProcessorCount}");
        await stopped.Task;
        Console.WriteLine($"responder stopping: {counters}");
        return 0;
    }
}
