using System.Net;
using Ike.Engine.Api;

namespace Ike.Agent.Tests.TestSupport;

/// <summary>A transport that binds nothing: it reports the endpoints it was asked for and whether it was released.</summary>
internal sealed class RecordingTransport(IReadOnlyList<IPEndPoint> endpoints) : IDatagramTransport
{
    public IReadOnlyList<IPEndPoint> LocalEndpoints { get; } = endpoints;

    public bool Disposed { get; private set; }

    public ValueTask SendAsync(Datagram datagram, CancellationToken ct = default) => ValueTask.CompletedTask;

    public void Start(Func<Datagram, ValueTask> receive)
    {
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
