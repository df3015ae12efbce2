using System.Text.Json;

namespace Ike.Agent.Configuration;

/// <summary>
/// Where each value of a JSON document starts, by field path (<c>connections[0].ikeConfig</c>), so that errors found
/// later on the parsed <see cref="JsonDocument"/> can name a line: <see cref="JsonDocument"/> keeps no positions.
/// The same pass reports what JsonDocument would accept silently: a property given twice in one object (the second
/// would win without a word, hiding a typo'd edit).
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> lines;
    private readonly int[] lineStarts;

    private JsonLineIndex(Dictionary<string, int> lines, int[] lineStarts)
    {
        this.lines = lines;
        this.lineStarts = lineStarts;
    }

    /// <summary>The line of the value at <paramref name="path"/> ("" is the document), or 1 when the path is absent.</summary>
    public int LineOf(string path) => lines.TryGetValue(path, out int line) ? line : 1;

    /// <summary>Indexes <paramref name="json"/>; syntax errors and repeated properties go to <paramref name="errors"/>,
    /// and on a syntax error the index holds what was read before it.</summary>
    public static JsonLineIndex Build(ReadOnlySpan<byte> json, JsonReaderOptions options, List<ConfigError> errors)
    {
        int[] lineStarts = LineStarts(json);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new JsonLineIndex(lines, lineStarts);
        var frames = new Stack<Frame>();
        var reader = new Utf8JsonReader(json, options);
        try
        {
            while (reader.Read())
            {
                int line = index.LineAt(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var owner = frames.Peek();
                        owner.PendingName = reader.GetString()!;
                        if (!owner.Names.Add(owner.PendingName))
                            errors.Add(new ConfigError(Join(owner.Path, owner.PendingName), line, "is given more than once in this object"));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.Comment:
                        break;
                    default:
                        string path = frames.Count == 0 ? "" : frames.Peek().NextPath();
                        lines.TryAdd(path, line);
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            errors.Add(new ConfigError("", (int)(e.LineNumber ?? 0) + 1, "not valid JSON: " + SyntaxMessage(e)));
        }
        return index;
    }

    /// <summary>JsonException's message ends with its own "LineNumber: n | BytePositionInLine: m." in 0-based numbers;
    /// the line is already in the error, 1-based, so only the description is kept.</summary>
    private static string SyntaxMessage(JsonException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    private int LineAt(long offset)
    {
        int found = Array.BinarySearch(lineStarts, (int)offset);
        return (found >= 0 ? found : ~found - 1) + 1;
    }

    private static int[] LineStarts(ReadOnlySpan<byte> json)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < json.Length; i++)
            if (json[i] == (byte)'\n') starts.Add(i + 1);
        return [.. starts];
    }

    internal static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private sealed class Frame(string path, bool isArray)
    {
        private int nextIndex;

        public string Path { get; } = path;

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public string PendingName { get; set; } = "";

        public string NextPath() => isArray ? $"{Path}[{nextIndex++}]" : Join(Path, PendingName);
    }
}
