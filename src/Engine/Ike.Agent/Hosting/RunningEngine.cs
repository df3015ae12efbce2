using Ike.Engine.Api;

namespace Ike.Agent.Hosting;

/// <summary>An engine and the transport it runs on, released together (engine first: it sends its Delete
/// notifications over the transport).</summary>
public sealed class RunningEngine(IIkeEngine engine, IDatagramTransport transport) : IAsyncDisposable
{
    public IIkeEngine Engine { get; } = engine;

    public IDatagramTransport Transport { get; } = transport;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Engine.DisposeAsync();
        }
        finally
        {
            await Transport.DisposeAsync();
        }
    }
}
