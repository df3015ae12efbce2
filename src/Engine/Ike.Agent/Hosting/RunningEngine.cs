using Ike.Engine.Api;

namespace Ike.Agent.Hosting;

/// <summary>An engine and the transport it runs on. Once built, the engine owns the transport: disposing the engine
/// sends its last Delete notifications over the transport and then closes it (as <c>IkeEngine</c> does), so the
/// agent disposes only the engine.</summary>
public sealed class RunningEngine(IIkeEngine engine, IDatagramTransport transport) : IAsyncDisposable
{
    public IIkeEngine Engine { get; } = engine;

    public IDatagramTransport Transport { get; } = transport;

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
