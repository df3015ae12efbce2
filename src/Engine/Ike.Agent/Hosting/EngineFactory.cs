using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Microsoft.Extensions.Logging;

namespace Ike.Agent.Hosting;

/// <summary>
/// The one place that constructs the engine and its UDP transport. The agent codes only against
/// <see cref="IIkeEngine"/> and <see cref="IDatagramTransport"/>; tests pass their own constructors.
/// </summary>
public sealed class EngineFactory(
    Func<IReadOnlyList<IPEndPoint>, ILoggerFactory, IDatagramTransport> createTransport,
    Func<IDatagramTransport, ILoggerFactory, IIkeEngine> createEngine)
{
    /// <summary>The real engine on real UDP sockets.</summary>
    public static EngineFactory Production { get; } = new(
        (endpoints, _) => new UdpDatagramTransport(endpoints),
        (transport, logs) => new IkeEngine(transport, new IkeEngineOptions { LoggerFactory = logs }));

    /// <summary>Binds the transport on <paramref name="endpoints"/> and builds the engine over it. If the engine cannot
    /// be built, the transport is released before the exception leaves.</summary>
    public async Task<RunningEngine> StartAsync(IReadOnlyList<IPEndPoint> endpoints, ILoggerFactory logs)
    {
        var transport = createTransport(endpoints, logs);
        try
        {
            return new RunningEngine(createEngine(transport, logs), transport);
        }
        catch
        {
            await transport.DisposeAsync();
            throw;
        }
    }
}
