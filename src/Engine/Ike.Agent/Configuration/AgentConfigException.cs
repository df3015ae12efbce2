namespace Ike.Agent.Configuration;

/// <summary>The configuration file could not be used; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class AgentConfigException : Exception
{
    public AgentConfigException(string path, IReadOnlyList<ConfigError> errors)
        : base($"{path}: {errors.Count} error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Path = path;
        Errors = errors;
    }

    public string Path { get; }

    public IReadOnlyList<ConfigError> Errors { get; }
}
