using System.Net;
using Ike.Engine.Api;
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
    /// <summary>
    /// The real engine on real sockets, or null while this build has none: Ike.Engine's <c>IkeEngine</c> and
    /// <c>Transport.UdpDatagramTransport</c> are still being written. When they land this becomes
    /// <c>new((endpoints, logs) =&gt; new UdpDatagramTransport(endpoints, logs), (transport, logs) =&gt; new IkeEngine(transport, logs))</c>.
    /// </summary>
    public static EngineFactory? Production => null;

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
