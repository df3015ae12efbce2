namespace Ike.Agent.Configuration;

/// <summary>
/// One problem in the agent's configuration file: the field as a path in the API's spelling
/// (<c>connections[1].ikeConfig.ikePfs</c>, empty for the document itself), the 1-based line where the field or its
/// enclosing object starts, and what is wrong. Never carries a secret's value.
/// </summary>
public sealed record ConfigError(string Field, int Line, string Message)
{
    public override string ToString() => Field.Length == 0 ? $"line {Line}: {Message}" : $"line {Line}: {Field}: {Message}";
}
