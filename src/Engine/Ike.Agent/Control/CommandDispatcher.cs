using Ike.Agent.Configuration;
using Ike.Agent.Control.Views;
using Ike.Agent.Hosting;
using Ike.Engine.Api;
using Microsoft.Extensions.Logging;

namespace Ike.Agent.Control;

/// <summary>
/// Carries out one request against the engine within the request's time limit and turns the outcome into a response
/// line. Nothing a client sends can make it throw: refusals, time-outs and engine exceptions all become error lines.
/// <c>watch</c> is not a request-response command; <see cref="ControlSession"/> serves it.
/// </summary>
internal sealed partial class CommandDispatcher(
    IIkeEngine engine, ConnectionRegistry registry, Func<CancellationToken, Task<LoadView>> reload, TimeProvider time, ILogger logger)
{
    /// <summary>A probe's own time limit goes to the engine, which answers "no reply" when it passes; the command's
    /// limit is this much longer so that the engine's answer, not ours, is what the client sees.</summary>
    internal static readonly TimeSpan ProbeGrace = TimeSpan.FromSeconds(5);

    public async Task<byte[]> ExecuteAsync(ControlRequest request, CancellationToken shutdown)
    {
        var limit = request.Command == ControlCommand.Probe ? request.EffectiveTimeout + ProbeGrace : request.EffectiveTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, shutdown);
        try
        {
            // WaitAsync as well as the token: an engine call that ignores cancellation must not hold the client.
            return await RunAsync(request, linked.Token).WaitAsync(limit, time, shutdown);
        }
        catch (ControlCommandException e)
        {
            return ControlResponse.Error(e.Code, e.Message);
        }
        catch (AgentConfigException e)
        {
            return ControlResponse.Error(ControlErrorCodes.ConfigInvalid, $"{e.Message}{Environment.NewLine}nothing was changed");
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return ControlResponse.Error(ControlErrorCodes.ShuttingDown, "the agent is shutting down");
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return ControlResponse.Error(ControlErrorCodes.Timeout,
                $"{ControlCommandNames.NameOf(request.Command)} did not finish within {limit.TotalSeconds:0.###} s; what the engine started goes on");
        }
        catch (Exception e)
        {
            LogEngineFailure(request.ToString(), e);
            return ControlResponse.Error(ControlErrorCodes.EngineError, e.Message);
        }
    }

    private async Task<byte[]> RunAsync(ControlRequest request, CancellationToken ct)
    {
        switch (request.Command)
        {
            case ControlCommand.Load:
                return ControlResponse.Result(await reload(ct), ControlJson.Default.LoadView);
            case ControlCommand.ListConns:
                IReadOnlyList<ConnectionView> connections = [.. registry.Loaded.Select(ConnectionView.From)];
                return ControlResponse.Result(connections, ControlJson.Default.IReadOnlyListConnectionView);
            case ControlCommand.ListSas:
                if (request.Name is not null) RequireConnection(request.Name);
                IReadOnlyList<IkeSaView> sas = [.. engine.ListSas()
                    .Where(sa => request.Name is null || sa.Connection == request.Name)
                    .Select(IkeSaView.From)];
                return ControlResponse.Result(sas, ControlJson.Default.IReadOnlyListIkeSaView);
            case ControlCommand.Initiate:
            {
                string name = RequireConnection(request.Name);
                var result = await engine.InitiateAsync(name, ct);
                if (!result.Established) LogInitiateFailed(name, result.Failure?.Message ?? "no diagnostic");
                return ControlResponse.Result(new InitiateView(name, result.Established, DiagnosticView.From(result.Failure)), ControlJson.Default.InitiateView);
            }
            case ControlCommand.Terminate:
            {
                string name = RequireConnection(request.Name);
                await engine.TerminateAsync(name, ct);
                return ControlResponse.Result(new TerminateView(name), ControlJson.Default.TerminateView);
            }
            case ControlCommand.Probe:
            {
                string name = RequireConnection(request.Name);
                var result = await engine.ProbeAsync(name, request.From!, request.To!, request.EffectiveTimeout, ct);
                var view = new ProbeView(name, request.From!.ToString(), request.To!.ToString(), result.Replied,
                    result.RoundTrip?.TotalMilliseconds, result.Detail);
                return ControlResponse.Result(view, ControlJson.Default.ProbeView);
            }
            default:
                throw new ControlCommandException(ControlErrorCodes.BadRequest, $"{ControlCommandNames.NameOf(request.Command)} is not a request-response command");
        }
    }

    private string RequireConnection(string? name)
    {
        if (name is not null && registry.Contains(name)) return name;
        throw new ControlCommandException(ControlErrorCodes.UnknownConnection, $"no connection named \"{name}\" is loaded");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "control command {Request} failed in the engine")]
    private partial void LogEngineFailure(string request, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "initiate {Name} failed: {Diagnostic}")]
    private partial void LogInitiateFailed(string name, string diagnostic);
}
