using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ike.Agent.Control;
using Ike.Agent.Control.Views;

namespace Ike.Agent.Client;

/// <summary>
/// Drives a running agent over its control socket (what swanctl is to charon's vici): the command line's <c>ctl</c>,
/// the control plane's activities and the tests use it. Each call opens its own connection, sends one request and
/// reads its answer, so calls may run concurrently and survive an agent restart in between. Every refusal or failure
/// of the agent arrives as <see cref="ControlCommandException"/> with the protocol's code; a negotiation that fails
/// or a probe that gets no reply is a result (<see cref="InitiateView.Established"/>, <see cref="ProbeView.Replied"/>),
/// not an exception.
/// </summary>
public sealed class AgentControlClient(string socketPath)
{
    /// <summary>How much longer than the command's own limit the client waits for the answer, so the agent's
    /// <c>timeout</c> error (not a client-side guess) is what the caller normally sees.</summary>
    public static readonly TimeSpan ResponseGrace = TimeSpan.FromSeconds(10);

    public string SocketPath { get; } = socketPath;

    public Task<LoadView> LoadAsync(TimeSpan? timeout = null, CancellationToken ct = default) =>
        SendAsync(new ControlRequest(ControlCommand.Load, Timeout: timeout), ControlJson.Default.LoadView, ct);

    public Task<IReadOnlyList<ConnectionView>> ListConnectionsAsync(CancellationToken ct = default) =>
        SendAsync(new ControlRequest(ControlCommand.ListConns), ControlJson.Default.IReadOnlyListConnectionView, ct);

    public Task<InitiateView> InitiateAsync(string name, TimeSpan? timeout = null, CancellationToken ct = default) =>
        SendAsync(new ControlRequest(ControlCommand.Initiate, name, Timeout: timeout), ControlJson.Default.InitiateView, ct);

    public Task<TerminateView> TerminateAsync(string name, TimeSpan? timeout = null, CancellationToken ct = default) =>
        SendAsync(new ControlRequest(ControlCommand.Terminate, name, Timeout: timeout), ControlJson.Default.TerminateView, ct);

    /// <summary>Every IKE SA, or those of the connection <paramref name="name"/>.</summary>
    public Task<IReadOnlyList<IkeSaView>> ListSasAsync(string? name = null, CancellationToken ct = default) =>
        SendAsync(new ControlRequest(ControlCommand.ListSas, name), ControlJson.Default.IReadOnlyListIkeSaView, ct);

    /// <summary>An ICMP echo from <paramref name="from"/> (inside the local subnets) to <paramref name="to"/> (inside
    /// the remote subnets) through the connection's CHILD SA; <paramref name="timeout"/> is how long to wait for the reply.</summary>
    public Task<ProbeView> ProbeAsync(string name, IPAddress from, IPAddress to, TimeSpan? timeout = null, CancellationToken ct = default) =>
        SendAsync(new ControlRequest(ControlCommand.Probe, name, from, to, timeout), ControlJson.Default.ProbeView, ct);

    /// <summary>The engine's events from now on, until <paramref name="ct"/> is cancelled or the agent stops.</summary>
    public async IAsyncEnumerable<EventView> WatchAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var stream = await ConnectAsync(ct);
        var reader = new BoundedLineReader(stream, ControlProtocol.MaxResponseLineBytes);
        await stream.WriteAsync(new ControlRequest(ControlCommand.Watch).ToLine(), ct);
        ReadResult(await ReadLineAsync(reader, ct), ControlJson.Default.WatchStartedView, "result");
        while (true)
        {
            var (status, line) = await reader.ReadLineAsync(ct);
            if (status != LineStatus.Line) yield break;
            yield return ReadResult(line, ControlJson.Default.EventView, "event");
        }
    }

    private async Task<T> SendAsync<T>(ControlRequest request, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var limit = request.EffectiveTimeout + (request.Command == ControlCommand.Probe ? CommandDispatcher.ProbeGrace : TimeSpan.Zero) + ResponseGrace;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        try
        {
            await using var stream = await ConnectAsync(deadline.Token);
            await stream.WriteAsync(request.ToLine(), deadline.Token);
            var reader = new BoundedLineReader(stream, ControlProtocol.MaxResponseLineBytes);
            return ReadResult(await ReadLineAsync(reader, deadline.Token), type, "result");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ControlCommandException(ControlErrorCodes.Timeout, $"the agent did not answer {request} within {limit.TotalSeconds:0.#} s");
        }
        catch (IOException e)
        {
            throw new ControlCommandException(ControlErrorCodes.Unreachable, $"the connection to the agent at {SocketPath} broke: {e.Message}");
        }
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            string why = File.Exists(SocketPath) ? e.Message : "there is no socket at that path";
            throw new ControlCommandException(ControlErrorCodes.Unreachable, $"no agent answers at {SocketPath}: {why}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadLineAsync(BoundedLineReader reader, CancellationToken ct)
    {
        var (status, line) = await reader.ReadLineAsync(ct);
        return status switch
        {
            LineStatus.Line => line,
            LineStatus.TooLong => throw new ControlCommandException(ControlErrorCodes.Protocol, $"the agent's answer is longer than {ControlProtocol.MaxResponseLineBytes} bytes"),
            _ => throw new ControlCommandException(ControlErrorCodes.Unreachable, "the agent closed the connection without answering"),
        };
    }

    /// <summary>Unwraps <c>{"ok":true,"&lt;member&gt;":...}</c>, or throws the error of <c>{"ok":false,...}</c>.</summary>
    private static T ReadResult<T>(ReadOnlyMemory<byte> line, JsonTypeInfo<T> type, string member)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok", out var ok))
            {
                if (ok.ValueKind == JsonValueKind.True && root.TryGetProperty(member, out var value))
                    return value.Deserialize(type) ?? throw new JsonException($"\"{member}\" is null");
                if (ok.ValueKind == JsonValueKind.False && root.TryGetProperty("error", out var error))
                {
                    var view = error.Deserialize(ControlJson.Default.ErrorView) ?? throw new JsonException("\"error\" is null");
                    throw new ControlCommandException(view.Code, view.Message);
                }
            }
            throw new JsonException($"expected {{\"ok\":true,\"{member}\":...}} or {{\"ok\":false,\"error\":...}}");
        }
        catch (JsonException e)
        {
            throw new ControlCommandException(ControlErrorCodes.Protocol, $"the agent's answer is not a valid response: {e.Message}");
        }
    }
}
