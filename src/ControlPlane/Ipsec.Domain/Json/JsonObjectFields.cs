using System.Globalization;
using System.Text.Json;

namespace Ipsec.Domain;

/// <summary>
/// Reads the properties of one JSON object by name, reporting a wrong JSON type as an error on the field's full path
/// (<c>ikeConfig.ikeLifetime</c>) instead of throwing. JSON null counts as absent. Names match case-insensitively, as
/// the web defaults of System.Text.Json do; a name given twice (in any case) is an error, because which one wins
/// would otherwise depend on the parser. Unknown properties are ignored so that envelopes may carry extra fields
/// (queue messages add the account's key id).
/// </summary>
internal sealed class JsonObjectFields
{
    /// <summary>Bounds the lists built from one array; the rules then apply their own, smaller limits.</summary>
    public const int MaxListItems = 256;

    private readonly Dictionary<string, JsonElement> properties;
    private readonly HashSet<string> duplicated;
    private readonly string? path;
    private readonly Findings findings;

    private JsonObjectFields(JsonElement element, string? path, Findings findings)
    {
        this.path = path;
        this.findings = findings;
        properties = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        duplicated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
            if (!properties.TryAdd(property.Name, property.Value)) duplicated.Add(property.Name);
    }

    /// <summary>The top-level body; an error (field null) when it is not an object.</summary>
    public static JsonObjectFields? OpenBody(JsonElement body, Findings findings)
    {
        if (body.ValueKind == JsonValueKind.Object) return new JsonObjectFields(body, null, findings);
        findings.Add(new ApiError(ErrorCodes.InvalidBody, null, $"the request body must be a JSON object, not {Describe(body.ValueKind)}"));
        return null;
    }

    public string? String(string name)
    {
        if (!TryGet(name, out var value, out string field)) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        WrongType(field, "a string", value);
        return null;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value, out string field)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        WrongType(field, "true or false", value);
        return null;
    }

    public int? Int32(string name)
    {
        if (!TryGet(name, out var value, out string field)) return null;
        if (value.ValueKind != JsonValueKind.Number) { WrongType(field, "an integer", value); return null; }
        if (value.TryGetInt32(out int number)) return number;
        bool integral = value.TryGetDecimal(out decimal real) && decimal.Truncate(real) == real;
        if (integral && real is >= int.MinValue and <= int.MaxValue) return (int)real;   // 86400.0 is an integer too
        findings.Invalid(field, integral ? $"{field} is out of range" : $"{field} must be an integer", ErrorCodes.Reasons.WrongType);
        return null;
    }

    /// <summary>A value that may be a JSON integer or a string (AS numbers: 65000 or "1.10"); returned as text.</summary>
    public string? IntegerOrString(string name)
    {
        if (!TryGet(name, out var value, out string field)) return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return value.GetString();
            case JsonValueKind.Number when value.TryGetInt64(out long number): return number.ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.Number: findings.Invalid(field, $"{field} must be an integer", ErrorCodes.Reasons.WrongType); return null;
            default: WrongType(field, "an integer or a string", value); return null;
        }
    }

    /// <summary>
    /// A list of strings: a JSON array of strings, or (when <paramref name="allowCommaSeparated"/>) one string of
    /// comma-separated items, the form the VPC API uses for subnets ("10.0.0.0/24,10.1.0.0/24"); items are then trimmed.
    /// </summary>
    public IReadOnlyList<string>? StringList(string name, bool allowCommaSeparated)
    {
        if (!TryGet(name, out var value, out string field)) return null;
        if (allowCommaSeparated && value.ValueKind == JsonValueKind.String)
        {
            var items = value.GetString()!.Split(',', StringSplitOptions.TrimEntries);
            if (items.Length <= MaxListItems) return items;
            findings.Invalid(field, $"{field} has more than {MaxListItems} items", ErrorCodes.Reasons.TooMany);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            WrongType(field, allowCommaSeparated ? "an array of strings or a comma-separated string" : "an array of strings", value);
            return null;
        }
        if (value.GetArrayLength() > MaxListItems)
        {
            findings.Invalid(field, $"{field} has more than {MaxListItems} items", ErrorCodes.Reasons.TooMany);
            return null;
        }
        var list = new List<string>();
        bool allStrings = true;
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
            else { WrongType($"{field}[{index}]", "a string", item); allStrings = false; }
            index++;
        }
        return allStrings ? list : null;
    }

    /// <summary>A nested object, or null when absent, JSON null, or of the wrong type (then with an error).</summary>
    public JsonObjectFields? Object(string name)
    {
        if (!TryGet(name, out var value, out string field)) return null;
        if (value.ValueKind == JsonValueKind.Object) return new JsonObjectFields(value, field, findings);
        WrongType(field, "an object", value);
        return null;
    }

    private bool TryGet(string name, out JsonElement value, out string field)
    {
        field = path is null ? name : $"{path}.{name}";
        if (duplicated.Contains(name))
        {
            findings.Invalid(field, $"{field} is given more than once", ErrorCodes.Reasons.DuplicateProperty);
            value = default;
            return false;
        }
        return properties.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private void WrongType(string field, string expected, JsonElement actual) =>
        findings.Invalid(field, $"{field} must be {expected}, not {Describe(actual.ValueKind)}", ErrorCodes.Reasons.WrongType);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
