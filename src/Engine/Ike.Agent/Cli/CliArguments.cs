namespace Ike.Agent.Cli;

/// <summary>
/// A command line split into positional words, options with a value (<c>--config FILE</c> or <c>--config=FILE</c>)
/// and flags (<c>--json</c>). Options may come anywhere after the subcommand. Anything unknown is a
/// <see cref="UsageException"/>, never silently ignored.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CliArguments(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    public static CliArguments Parse(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions)
    {
        var positional = new List<string>();
        var parsed = new CliArguments(positional);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            string arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positional.Add(arg);
                continue;
            }
            int eq = arg.IndexOf('=');
            string name = eq > 0 ? arg[..eq] : arg;
            if (flagOptions.Contains(name) && eq < 0)
            {
                parsed.flags.Add(name);
                continue;
            }
            if (!valueOptions.Contains(name)) throw new UsageException($"unknown option {name}");
            string? value = eq > 0 ? arg[(eq + 1)..] : e.MoveNext() ? e.Current : null;
            if (string.IsNullOrEmpty(value)) throw new UsageException($"{name} needs a value");
            if (!parsed.values.TryAdd(name, value)) throw new UsageException($"{name} is given more than once");
        }
        return parsed;
    }

    public string? Value(string option) => values.GetValueOrDefault(option);

    public bool Flag(string flag) => flags.Contains(flag);

    public string Required(string option) => Value(option) ?? throw new UsageException($"{option} is required");

    /// <summary>Seconds as a positive number (fractions allowed) up to an hour.</summary>
    public TimeSpan? Seconds(string option)
    {
        string? text = Value(option);
        if (text is null) return null;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
            && seconds > 0 && seconds <= 3600)
            return TimeSpan.FromSeconds(seconds);
        throw new UsageException($"{option} must be a number of seconds greater than 0 and at most 3600, not \"{text}\"");
    }
}
