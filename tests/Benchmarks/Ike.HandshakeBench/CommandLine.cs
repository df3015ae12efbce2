using System.Globalization;
using System.Net;

namespace Ike.HandshakeBench;

/// <summary>"--name value" pairs after the sub-command; every option the program reads must be known, so that a typo
/// fails instead of silently running with a default.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value' pairs, got '{args[i]}'");
            }

            _values[args[i][2..]] = args[i + 1];
        }
    }

    public string Text(string name, string? fallback = null) =>
        Get(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => Get(name);

    public int Integer(string name, int fallback) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public IPEndPoint Endpoint(string name) =>
        IPEndPoint.TryParse(Text(name), out IPEndPoint? endpoint) ? endpoint : throw new ArgumentException($"--{name}: '{Text(name)}' is not address:port");

    /// <summary>Throws when an option was given that nothing read.</summary>
    public void RejectUnknown()
    {
        string[] unknown = [.. _values.Keys.Where(k => !_read.Contains(k))];
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }

    private string? Get(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }
}
