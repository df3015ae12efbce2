using Microsoft.Extensions.Logging;

namespace Ike.Engine.Fuzz;

/// <summary>
/// The engine's event loop catches whatever a work item throws and logs it ("engine work item failed", EventId 18)
/// so that one bug cannot stop the loop; for the fuzzer each such log line is an exception that escaped the engine's
/// own handling: a finding. Everything else the engine logs is ignored.
/// </summary>
internal sealed class FailureLog : ILoggerFactory
{
    private const int WorkItemFailedEventId = 18;
    private readonly List<Exception> _escaped = [];

    public int Count
    {
        get
        {
            lock (_escaped)
            {
                return _escaped.Count;
            }
        }
    }

    /// <summary>Takes the exceptions logged since the last call.</summary>
    public List<Exception> Drain()
    {
        lock (_escaped)
        {
            List<Exception> taken = [.. _escaped];
            _escaped.Clear();
            return taken;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(FailureLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == WorkItemFailedEventId || exception is not null)
            {
                lock (owner._escaped)
                {
                    owner._escaped.Add(exception ?? new InvalidOperationException(formatter(state, exception)));
                }
            }
        }
    }
}
