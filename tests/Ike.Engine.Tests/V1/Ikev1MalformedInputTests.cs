using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;
using Ike.Engine.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Ike.Engine.Tests.V1;

/// <summary>
/// Hostile and broken ISAKMP datagrams (STYLE.md item 4, 7): every message of a real main mode, quick mode and
/// informational exchange, truncated and with flipped octets, is thrown at the engine that received it, at the SA it
/// belongs to. Nothing may throw inside the engine (its loop would log "engine work item failed") and the engine must
/// go on negotiating.
/// </summary>
public sealed class Ikev1MalformedInputTests
{
    public static TheoryData<string, string> Garbage => new()
    {
        { "header only", "1122334455667788000000000000000001100200000000000000001c" },
        { "length larger than the datagram", "112233445566778800000000000000000110020000000000000000ff" },
        { "SA payload running past the end", "11223344556677880000000000000000011002000000000000000024000000ff00000001" },
        { "aggressive mode with an empty chain", "1122334455667788000000000000000000100400000000000000001c" },
        { "quick mode for unknown cookies", "1122334455667788aabbccddeeff001108102001010203040000002c0000000000000000000000000000000000" },
        { "unknown exchange type", "11223344556677880000000000000000011063000000000000000020" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task HostileDatagrams_AreDropped_TheEngineKeepsWorking(string why, string hex)
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main));
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main, fromB: true));
        byte[] payload = Convert.FromHexString(hex);

        foreach (int port in new[] { 500, 4500 })
        {
            byte[] framed = port == 500 ? payload : [0, 0, 0, 0, .. payload];
            await pair.Network.DeliverAsync(new Datagram(new IPEndPoint(EnginePair.AddressA, port), new IPEndPoint(EnginePair.AddressB, port), framed));
        }

        await pair.B.WhenIdleAsync();
        Assert.Empty(pair.B.ListSas());
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established, why);
    }

    [Theory]
    [InlineData(IkeProtocol.Ikev1Main)]
    [InlineData(IkeProtocol.Ikev1Aggressive)]
    public async Task MutatedCopiesOfEveryMessage_NeverThrow_AndTheEngineStillNegotiates(IkeProtocol mode)
    {
        var network = new InMemoryNetwork();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var failures = new FailureLog();
        var options = new IkeEngineOptions { TimeProvider = time, Timing = EnginePair.FastTiming, LoggerFactory = failures };
        await using var a = new IkeEngine(network.Attach(new IPEndPoint(EnginePair.AddressA, 500), new IPEndPoint(EnginePair.AddressA, 4500)), options);
        await using var b = new IkeEngine(network.Attach(new IPEndPoint(EnginePair.AddressB, 500), new IPEndPoint(EnginePair.AddressB, 4500)), options);
        a.LoadConnection(V1Configs.Config(mode, pfs: "group2", dpd: new DpdConfig(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20))));
        b.LoadConnection(V1Configs.Config(mode, fromB: true, pfs: "group2"));
        Assert.True((await a.InitiateAsync(EnginePair.Name)).Established);
        // an R-U-THERE and its ACK join the captured traffic
        time.Advance(TimeSpan.FromSeconds(6));
        // each answer makes the other loop run again: let the exchange settle before copying what was sent
        for (int round = 0; round < 12; round++)
        {
            await a.WhenIdleAsync();
            await b.WhenIdleAsync();
        }

        List<Datagram> captured = [.. network.Sent];

        foreach (Datagram original in captured)
        {
            foreach (byte[] mutant in Mutants(original.Payload.ToArray()))
            {
                await network.DeliverAsync(original with { Payload = mutant });
            }
        }

        await a.WhenIdleAsync();
        await b.WhenIdleAsync();
        Assert.Empty(failures.Errors);
        await a.TerminateAsync(EnginePair.Name);
        NegotiationResult again = await a.InitiateAsync(EnginePair.Name);
        Assert.True(again.Established, again.Failure?.Message);
        Assert.Empty(failures.Errors);
    }

    /// <summary>Truncations at a few lengths and single flipped octets at spread positions (header, payload headers,
    /// ciphertext), deterministic so a failure can be replayed.</summary>
    private static IEnumerable<byte[]> Mutants(byte[] datagram)
    {
        foreach (int length in new[] { 1, 4, 20, 28, 32, datagram.Length / 2, datagram.Length - 1 })
        {
            if (length > 0 && length < datagram.Length)
            {
                yield return datagram[..length];
            }
        }

        for (int position = 0; position < datagram.Length; position += Math.Max(1, datagram.Length / 24))
        {
            byte[] flipped = [.. datagram];
            flipped[position] ^= 0x5A;
            yield return flipped;
        }
    }

    /// <summary>Collects Error-level log lines: the engine loop logs any exception that escaped a work item there.</summary>
    private sealed class FailureLog : ILoggerFactory, ILogger
    {
        public List<string> Errors { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                lock (Errors)
                {
                    Errors.Add($"{formatter(state, exception)} {exception}");
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
