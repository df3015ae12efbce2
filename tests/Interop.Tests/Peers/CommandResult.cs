namespace Interop.Tests.Peers;

/// <summary>What an external command (swanctl, ip) did: its exit code and everything it printed.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Both streams, for assertion messages and diagnostics.</summary>
    public override string ToString() =>
        $"$ {CommandLine}\n[exit {(TimedOut ? "timed out" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}]\n" +
        $"{StandardOutput}{(StandardError.Length > 0 ? "\n[stderr]\n" + StandardError : "")}";
}
