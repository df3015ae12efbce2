using System.Net.Sockets;
using Ike.Agent.Configuration;
using Ike.Agent.Hosting;
using Microsoft.Extensions.Logging;

namespace Ike.Agent.Cli;

/// <summary>
/// <c>ipsec-agent run --config FILE [--control SOCKET] [--log-level LEVEL]</c>: runs the agent in the foreground,
/// logging to stderr, until <paramref name="stop"/> fires (SIGTERM or SIGINT in the real process), then terminates
/// every SA gracefully and exits 0. A configuration that does not load, or a socket that cannot be bound, exits 1.
/// </summary>
public static class RunCommand
{
    public static readonly IReadOnlySet<string> ValueOptions = new HashSet<string> { "--config", "--control", "--log-level" };

    public static async Task<int> RunAsync(CliArguments args, EngineFactory factory, TextWriter error, CancellationToken stop,
        Func<LogLevel, ILoggerFactory>? createLogs = null)
    {
        if (args.Positional.Count > 0) throw new UsageException($"run takes no argument \"{args.Positional[0]}\"");
        var options = new AgentHostOptions(args.Required("--config")) { ControlSocket = args.Value("--control") };
        var level = StderrLogging.ParseLevel(args.Value("--log-level"));
        using var logs = (createLogs ?? StderrLogging.Create)(level);
        AgentHost host;
        try
        {
            host = await AgentHost.StartAsync(options, factory, logs, stop);
        }
        catch (AgentConfigException e)
        {
            await error.WriteLineAsync($"ipsec-agent: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"ipsec-agent: cannot start: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
        await host.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }
}
