using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Tests.Fixtures;

/// <summary>Keeps every formatted log line (with exception text) so a test can prove a secret never reached the logs.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    readonly ConcurrentQueue<string> lines = new();

    public IEnumerable<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

    public void Dispose() { }

    sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string structured = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(";", kv.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
        }
    }
}
