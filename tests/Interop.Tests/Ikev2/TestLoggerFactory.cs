using Microsoft.Extensions.Logging;

namespace Interop.Tests.Ikev2;

/// <summary>Collects the engine's log lines in memory, so a failing interop test can print our side next to charon's.</summary>
public sealed class TestLoggerFactory : ILoggerFactory
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public string Describe(int last = 60) => "--- engine log tail:\n" + string.Join('\n', Lines.TakeLast(last));

    private sealed class Logger(TestLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string line = $"{DateTime.Now:HH:mm:ss.fff} {logLevel,-11} {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
            lock (owner._lines)
            {
                owner._lines.Add(line);
            }
        }
    }
}
