using System.Threading.Channels;
using Ike.Agent.Control.Views;
using Ike.Engine.Api;

namespace Ike.Agent.Control;

/// <summary>
/// Fans the engine's events out to the control clients that <c>watch</c>. The engine raises events on its own thread
/// and must not wait for a client, so each watcher gets a bounded queue that drops its oldest event when the client
/// falls <see cref="ControlProtocol.WatchBacklog"/> behind.
/// </summary>
internal sealed class EngineEventRelay : IDisposable
{
    private readonly IIkeEngine engine;
    private readonly Action<int> onDropped;
    private readonly Lock gate = new();
    private ChannelWriter<EventView>[] watchers = [];

    /// <param name="onDropped">Told how many watchers lost an event, so the agent can log it.</param>
    public EngineEventRelay(IIkeEngine engine, Action<int> onDropped)
    {
        this.engine = engine;
        this.onDropped = onDropped;
        engine.EventRaised += Relay;
    }

    /// <summary>How many clients are watching now.</summary>
    public int Watchers => Volatile.Read(ref watchers).Length;

    /// <summary>A queue of the events raised from now on, until the returned subscription is disposed.</summary>
    public (ChannelReader<EventView> Events, IDisposable Subscription) Subscribe()
    {
        var channel = Channel.CreateBounded<EventView>(
            new BoundedChannelOptions(ControlProtocol.WatchBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => onDropped(1));
        lock (gate) watchers = [.. watchers, channel.Writer];
        return (channel.Reader, new Subscription(this, channel.Writer));
    }

    private void Relay(EngineEvent e)
    {
        var current = Volatile.Read(ref watchers);
        if (current.Length == 0) return;
        var view = EventView.From(e);
        foreach (var watcher in current) watcher.TryWrite(view);
    }

    private void Unsubscribe(ChannelWriter<EventView> writer)
    {
        lock (gate) watchers = [.. watchers.Where(w => w != writer)];
        writer.TryComplete();
    }

    public void Dispose()
    {
        engine.EventRaised -= Relay;
        ChannelWriter<EventView>[] all;
        lock (gate)
        {
            all = watchers;
            watchers = [];
        }
        foreach (var watcher in all) watcher.TryComplete();
    }

    private sealed class Subscription(EngineEventRelay relay, ChannelWriter<EventView> writer) : IDisposable
    {
        public void Dispose() => relay.Unsubscribe(writer);
    }
}
