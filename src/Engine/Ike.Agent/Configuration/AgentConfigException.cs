namespace Ike.Agent.Configuration;

/// <summary>The configuration file could not be used; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class AgentConfigException : Exception
{
    public AgentConfigException(string path, IReadOnlyList<ConfigError> errors)
        : base(Describe(path, errors))
    {
        Path = path;
        Errors = [.. errors.OrderBy(e => e.Line)];
    }

    private static string Describe(string path, IReadOnlyList<ConfigError> errors) =>
        $"{path}: {errors.Count} error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors.OrderBy(e => e.Line));

    public string Path { get; }

    public IReadOnlyList<ConfigError> Errors { get; }
}
