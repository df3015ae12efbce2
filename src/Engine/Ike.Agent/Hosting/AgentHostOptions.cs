namespace Ike.Agent.Hosting;

/// <summary>How to start an agent: the configuration file, the control socket when the command line names one
/// (it wins over the file's <c>controlSocket</c> and the default), and for tests the environment PSK references read
/// and the clock.</summary>
public sealed record AgentHostOptions(string ConfigPath)
{
    public string? ControlSocket { get; init; }

    /// <summary>How long a graceful stop waits for the peers to acknowledge the Delete of each IKE SA.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
