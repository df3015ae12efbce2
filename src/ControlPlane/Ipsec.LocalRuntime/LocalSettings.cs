using System.Text.Json;

namespace Ipsec.LocalRuntime;

/// <summary>
/// Reads the Functions app's <c>local.settings.json</c> (the repository's top-level file) so the local runtime runs with
/// exactly the settings <c>func start</c> would give the app: every entry of <c>Values</c> becomes a configuration key,
/// with <c>__</c> meaning a section separator as in app settings.
/// </summary>
public static class LocalSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty("Values", out var values)) yield break;
        foreach (var p in values.EnumerateObject())
            yield return new(p.Name.Replace("__", ":"), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
    }

    /// <summary>The file next to the solution: walk up from the working directory and from the binaries.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "local.settings.json")) && File.Exists(Path.Combine(dir.FullName, "IpsecFunctions.sln")))
                    return Path.Combine(dir.FullName, "local.settings.json");
        return null;
    }
}
