using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Ike.Agent.Cli;

/// <summary>The foreground agent's log: one line per entry on stderr with a UTC timestamp, as charon logs when it
/// runs in the foreground; stdout stays free for command output.</summary>
public static class StderrLogging
{
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(minimum)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));

    public static LogLevel ParseLevel(string? text) => text switch
    {
        null or "info" or "information" => LogLevel.Information,
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new UsageException($"--log-level must be one of trace, debug, info, warning, error, not \"{text}\""),
    };
}
