using System.Text.Json;

namespace Ike.Agent.Configuration;

/// <summary>
/// Typed, strict reads of one JSON object of the configuration file. Each read checks the JSON type and range, and
/// records an error naming the field path and its line instead of throwing, so one pass reports every problem. The
/// fields read are remembered; <see cref="RejectUnknownFields"/> then names anything else (a misspelt
/// <c>enableDPD</c> must not silently become the default).
/// </summary>
internal sealed class ConfigObject
{
    private readonly JsonElement element;
    private readonly JsonLineIndex lines;
    private readonly List<ConfigError> errors;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    private ConfigObject(JsonElement element, string path, JsonLineIndex lines, List<ConfigError> errors)
    {
        this.element = element;
        this.lines = lines;
        this.errors = errors;
        Path = path;
    }

    public string Path { get; }

    public int Line => lines.LineOf(Path);

    /// <summary>Errors found so far in the whole document (to tell whether a read of this object added any).</summary>
    public int ErrorCount => errors.Count;

    /// <summary>The object at <paramref name="path"/>, or null (with an error) when the value is not an object.</summary>
    public static ConfigObject? Open(JsonElement element, string path, JsonLineIndex lines, List<ConfigError> errors)
    {
        if (element.ValueKind == JsonValueKind.Object) return new ConfigObject(element, path, lines, errors);
        errors.Add(new ConfigError(path, lines.LineOf(path), $"must be a JSON object, not {Describe(element)}"));
        return null;
    }

    /// <summary>Opens an array item read through <see cref="Array"/> as an object of the same document.</summary>
    public ConfigObject? OpenItem(JsonElement item, string path) => Open(item, path, lines, errors);

    public string FieldPath(string name) => JsonLineIndex.Join(Path, name);

    public int LineOf(string name) => lines.LineOf(FieldPath(name));

    public void Error(string name, string message) => errors.Add(new ConfigError(FieldPath(name), LineOf(name), message));

    /// <summary>An error about the object itself, at the line where it starts (e.g. a required field is missing).</summary>
    public void ErrorHere(string field, string message) => errors.Add(new ConfigError(FieldPath(field), Line, message));

    public bool Has(string name)
    {
        known.Add(name);
        return element.TryGetProperty(name, out _);
    }

    /// <summary>The raw value of a field, or null when absent (for fields that take more than one shape).</summary>
    public JsonElement? Raw(string name)
    {
        known.Add(name);
        return element.TryGetProperty(name, out var value) ? value : null;
    }

    public string? String(string name, bool required = false)
    {
        var value = Raw(name);
        if (value is null)
        {
            if (required) ErrorHere(name, "is required");
            return null;
        }
        if (value.Value.ValueKind == JsonValueKind.String) return value.Value.GetString();
        Error(name, $"must be a string, not {Describe(value.Value)}");
        return null;
    }

    public bool? Boolean(string name)
    {
        var value = Raw(name);
        if (value is null) return null;
        if (value.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.Value.GetBoolean();
        Error(name, $"must be true or false, not {Describe(value.Value)}");
        return null;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; 1.5, "10" and 1e3 are refused.</summary>
    public int? Integer(string name, int min, int max, string unit = "")
    {
        var value = Raw(name);
        if (value is null) return null;
        string range = $"an integer from {min} to {max}{unit}";
        if (value.Value.ValueKind != JsonValueKind.Number || !value.Value.TryGetInt64(out long number)
            || value.Value.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            Error(name, $"must be {range}, not {Describe(value.Value)}");
            return null;
        }
        if (number < min || number > max)
        {
            Error(name, $"must be {range}, not {number}");
            return null;
        }
        return (int)number;
    }

    public ConfigObject? Object(string name, bool required = false)
    {
        var value = Raw(name);
        if (value is null)
        {
            if (required) ErrorHere(name, "is required");
            return null;
        }
        return Open(value.Value, FieldPath(name), lines, errors);
    }

    /// <summary>The items of an array field, each with its path; null (with an error) when the value is not an array.</summary>
    public IReadOnlyList<(JsonElement Item, string Path)>? Array(string name, bool required = false)
    {
        var value = Raw(name);
        if (value is null)
        {
            if (required) ErrorHere(name, "is required");
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"must be a JSON array, not {Describe(value.Value)}");
            return null;
        }
        return value.Value.EnumerateArray().Select((item, i) => (item, $"{FieldPath(name)}[{i}]")).ToList();
    }

    /// <summary>Call after every read: names each property that no read asked for.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in element.EnumerateObject())
            if (!known.Contains(property.Name))
                Error(property.Name, $"is not a known field here (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };
}
