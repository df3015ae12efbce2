namespace Ike.Agent.Cli;

/// <summary>The command line is wrong; the message says how, and the process exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
