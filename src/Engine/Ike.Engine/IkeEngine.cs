using System.Net;
using System.Threading.Channels;
using Ike.Engine.Api;
using Ike.Engine.Diagnostics;
using Ike.Engine.Kernel;
using Ike.Engine.Sa;
using Ipsec.Crypto.KeyExchange;
using Ipsec.Crypto.Randomness;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ike.Engine;

/// <summary>
/// The IKEv2 engine behind <see cref="IIkeEngine"/>: one event loop (an actor) runs every change to SA state, whether
/// it comes from the network, a timer or a command, so the SA tables need no locks and have no races. Commands post a
/// work item and await its completion; the transport's receive callback and timers post work items too.
/// </summary>
public sealed class IkeEngine : IIkeEngine
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDatagramTransport _transport;
    private readonly SaManager _core;
    private readonly ILogger _log;
    private readonly Task _loop;
    private int _loopThread = -1;
    private int _disposed;

    public IkeEngine(IDatagramTransport transport, IkeEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new IkeEngineOptions();
        _transport = transport;
        _log = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Ike.Engine");
        IRandomSource random = options.Random ?? SystemRandomSource.Instance;
        var services = new EngineServices(
            options.TimeProvider, random, options.KeyExchanges ?? KeyExchangeFactories.CreateDefault(random),
            new UserspaceIpsec(random), options.Timing, _log, options.ForceUdpEncapsulation);
        _core = new SaManager(services, transport.LocalEndpoints, Send, Post, RaiseEvent);
        _loop = Task.Run(RunAsync);
        transport.Start(datagram =>
        {
            // the engine keeps the bytes beyond this call: copy, whatever the transport does with its buffer
            var copy = new Datagram(datagram.Local, datagram.Remote, datagram.Payload.ToArray());
            Post(() => _core.OnDatagram(copy));
            return ValueTask.CompletedTask;
        });
    }

    public event Action<EngineEvent>? EventRaised;

    public IReadOnlyList<string> Connections => Read(() => _core.Connections);

    public void LoadConnection(ConnectionConfig connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // resolve now, on the caller's thread, so a bad name throws to the caller and not into the loop
        Config.LoadedConnection.Load(connection);
        Read(() =>
        {
            _core.LoadConnection(connection);
            return true;
        });
    }

    public Task<bool> UnloadConnectionAsync(string name, CancellationToken ct = default) =>
        Run<bool>((core, done) => core.UnloadConnection(name, done), ct);

    public Task<NegotiationResult> InitiateAsync(string name, CancellationToken ct = default) =>
        Run<NegotiationResult>((core, done) => core.Initiate(name, done), ct);

    public Task TerminateAsync(string name, CancellationToken ct = default) =>
        Run<bool>((core, done) => core.Terminate(name, () => done(true)), ct);

    public IReadOnlyList<IkeSaSnapshot> ListSas() => Read(_core.ListSas);

    public Task<ProbeResult> ProbeAsync(string name, IPAddress source, IPAddress destination, TimeSpan timeout, CancellationToken ct = default) =>
        Run<ProbeResult>((core, done) => core.Probe(name, source, destination, timeout, done), ct);

    /// <summary>Completes once every work item posted before it has run (tests step the engine with it).</summary>
    internal Task WhenIdleAsync() => Run<bool>((_, done) => done(true), CancellationToken.None);

    /// <summary>Runs <paramref name="inspect"/> on the loop, for tests that look at SA internals.</summary>
    internal Task<T> InspectAsync<T>(Func<SaManager, T> inspect) => Run<T>((core, done) => done(inspect(core)), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _transport.DisposeAsync();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            _core.Dispose();
            finished.TrySetResult();
        });
        _work.Writer.TryComplete();
        await finished.Task;
        await _loop;
    }

    private void Post(Action action) => _work.Writer.TryWrite(action);

    private void Send(Datagram datagram)
    {
        ValueTask sending = _transport.SendAsync(datagram);
        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending);
        }
    }

    private async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or ArgumentException)
        {
            EngineLog.WorkItemFailed(_log, e);
        }
    }

    private void RaiseEvent(EngineEvent engineEvent)
    {
        try
        {
            EventRaised?.Invoke(engineEvent);
        }
        catch (Exception e)
        {
            // a subscriber's bug must not take the engine down
            EngineLog.WorkItemFailed(_log, e);
        }
    }

    private async Task RunAsync()
    {
        await foreach (Action action in _work.Reader.ReadAllAsync())
        {
            _loopThread = Environment.CurrentManagedThreadId;
            try
            {
                action();
            }
            catch (Exception e)
            {
                // nothing a peer sends may kill the loop; a bug is logged and the loop goes on
                EngineLog.WorkItemFailed(_log, e);
            }
            finally
            {
                _loopThread = -1;
            }
        }
    }

    private Task<T> Run<T>(Action<SaManager, Action<T>> start, CancellationToken ct)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Volatile.Read(ref _disposed) == 1)
        {
            completion.SetException(new ObjectDisposedException(nameof(IkeEngine)));
            return completion.Task;
        }

        CancellationTokenRegistration registration = ct.CanBeCanceled ? ct.Register(() => completion.TrySetCanceled(ct)) : default;
        Post(() =>
        {
            try
            {
                start(_core, result => completion.TrySetResult(result));
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        });
        if (ct.CanBeCanceled)
        {
            _ = completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        return completion.Task;
    }

    /// <summary>Synchronous reads for the sync members of <see cref="IIkeEngine"/>; run in place when already on the loop
    /// (an event handler calling ListSas must not wait for itself).</summary>
    private T Read<T>(Func<T> read)
    {
        if (_loopThread == Environment.CurrentManagedThreadId)
        {
            return read();
        }

        return Run<T>((_, done) => done(read()), CancellationToken.None).GetAwaiter().GetResult();
    }
}
