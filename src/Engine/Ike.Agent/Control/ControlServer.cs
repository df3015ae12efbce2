using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Ike.Agent.Control;

/// <summary>
/// The control socket: a Unix stream socket at a configured path, mode 0600 (only the agent's user may drive it: it
/// can tear tunnels down), serving each client in a <see cref="ControlSession"/>, at most
/// <see cref="ControlProtocol.MaxConcurrentClients"/> at once. A socket file left by an agent that died is replaced;
/// one that another agent still answers on is not.
/// </summary>
internal sealed partial class ControlServer : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly CommandDispatcher dispatcher;
    private readonly EngineEventRelay events;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim slots = new(ControlProtocol.MaxConcurrentClients, ControlProtocol.MaxConcurrentClients);
    private readonly List<Task> sessions = [];
    private readonly Lock gate = new();
    private Task accepting = Task.CompletedTask;

    private ControlServer(Socket listener, string path, CommandDispatcher dispatcher, EngineEventRelay events, TimeProvider time, ILogger logger)
    {
        this.listener = listener;
        this.dispatcher = dispatcher;
        this.events = events;
        this.time = time;
        this.logger = logger;
        SocketPath = path;
    }

    public string SocketPath { get; }

    /// <exception cref="IOException">The path is in use by a live agent, or is not a socket.</exception>
    /// <exception cref="SocketException">The socket cannot be bound (e.g. permissions).</exception>
    public static ControlServer Start(string path, CommandDispatcher dispatcher, EngineEventRelay events, TimeProvider time, ILogger logger)
    {
        PrepareDirectory(path);
        RemoveStaleSocket(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            // bind(2) creates the file with the umask's mode; narrow it before accepting anyone. The directory we
            // create is 0700, which closes the window between the two calls.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(ControlProtocol.MaxConcurrentClients);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        var server = new ControlServer(listener, path, dispatcher, events, time, logger);
        server.accepting = server.AcceptLoopAsync();
        server.LogListening(path);
        return server;
    }

    private static void PrepareDirectory(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path)) return;
        if (!UnixSocketFile.IsSocket(path))
            throw new IOException($"{path} exists and is not a socket; refusing to replace it");
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            // Nobody answers: an agent that died without cleaning up left it.
            File.Delete(path);
            return;
        }
        throw new IOException($"another agent is listening on {path}");
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                LogAcceptFailed(e.SocketErrorCode.ToString());
                continue;
            }
            var session = ServeAsync(client);
            lock (gate)
            {
                sessions.RemoveAll(t => t.IsCompleted);
                sessions.Add(session);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        await using var stream = new NetworkStream(client, ownsSocket: true);
        if (!await slots.WaitAsync(0))
        {
            await TryWriteAsync(stream, ControlResponse.Error(ControlErrorCodes.Busy,
                $"the agent serves at most {ControlProtocol.MaxConcurrentClients} control clients at once; try again"));
            return;
        }
        try
        {
            await new ControlSession(stream, dispatcher, events, time, logger).RunAsync(stopping.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away mid-line or mid-answer, or the agent is stopping: nothing to tell anyone.
        }
        catch (Exception e)
        {
            LogSessionFailed(e);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task TryWriteAsync(Stream stream, byte[] line)
    {
        try
        {
            await stream.WriteAsync(line);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
        }
    }

    /// <summary>Stops accepting, ends every session (watchers included), and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested) return;
        await stopping.CancelAsync();
        listener.Dispose();
        await accepting;
        Task[] running;
        lock (gate) running = [.. sessions];
        await Task.WhenAll(running);
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
        }
        stopping.Dispose();
        slots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "control socket listening on {Path}")]
    private partial void LogListening(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "accepting a control client failed: {Error}")]
    private partial void LogAcceptFailed(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "a control session failed")]
    private partial void LogSessionFailed(Exception exception);
}
