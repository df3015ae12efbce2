using System.Text.Json;
using Ike.Engine.Api;
using Ipsec.Domain;

namespace Ike.Agent.Configuration;

/// <summary>
/// Reads a connection's <c>psk</c>, which is one of: the key itself (<c>"psk": "..."</c>), a file holding it
/// (<c>{"file": "secrets/idc.psk"}</c>, relative to the configuration file's folder; one trailing newline is dropped
/// since editors add one), or an environment variable (<c>{"env": "IDC_PSK"}</c>). The value must satisfy the API's
/// rule (1–100 printable ASCII characters, no spaces, PRODUCT.md §3). Errors name the reference, never the value.
/// </summary>
internal sealed class SecretReader(string baseDirectory, Func<string, string?> environment)
{
    /// <summary>A PSK file is a line of text; anything bigger is not one, and is not read whole into memory.</summary>
    internal const int MaxSecretFileBytes = 4096;

    public PreSharedKey? Read(ConfigObject connection, List<string> warnings)
    {
        const string field = "psk";
        var value = connection.Raw(field);
        if (value is null)
        {
            connection.ErrorHere(field, "is required: the key itself, {\"file\": PATH} or {\"env\": NAME}");
            return null;
        }
        string? secret = value.Value.ValueKind switch
        {
            JsonValueKind.String => value.Value.GetString(),
            JsonValueKind.Object => FromReference(connection, warnings),
            _ => Fail(connection, $"must be the key as a string, {{\"file\": PATH}} or {{\"env\": NAME}}, not {ConfigObject.Describe(value.Value)}"),
        };
        if (secret is null) return null;
        if (!PskRule.IsValid(secret))
        {
            connection.Error(field, $"must be {PskRule.MinLength}-{PskRule.MaxLength} printable ASCII characters without spaces");
            return null;
        }
        return new PreSharedKey(secret);
    }

    private string? FromReference(ConfigObject connection, List<string> warnings)
    {
        var reference = connection.Object("psk");
        if (reference is null) return null;
        string? file = reference.String("file");
        string? env = reference.String("env");
        reference.RejectUnknownFields();
        if ((file is null) == (env is null))
        {
            connection.Error("psk", "must name exactly one of \"file\" or \"env\"");
            return null;
        }
        return file is not null ? FromFile(reference, file, warnings) : FromEnvironment(reference, env!);
    }

    private string? FromEnvironment(ConfigObject reference, string name)
    {
        if (name.Length == 0)
        {
            reference.Error("env", "must name an environment variable");
            return null;
        }
        string? secret = environment(name);
        if (secret is null) reference.Error("env", $"environment variable {name} is not set");
        return secret;
    }

    private string? FromFile(ConfigObject reference, string file, List<string> warnings)
    {
        if (file.Length == 0)
        {
            reference.Error("file", "must name a file");
            return null;
        }
        string path = Path.GetFullPath(file, baseDirectory);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxSecretFileBytes)
            {
                reference.Error("file", $"{path} is {stream.Length} bytes; a PSK file holds one key of at most {PskRule.MaxLength} characters");
                return null;
            }
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            WarnIfReadableByOthers(path, reference.FieldPath("file"), warnings);
            try
            {
                return StripOneLineEnd(System.Text.Encoding.UTF8.GetString(bytes));
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reference.Error("file", $"cannot read {path}: {e.Message}");
            return null;
        }
    }

    private static string StripOneLineEnd(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;

    /// <summary>charon warns the same way about world-readable secrets: say so, but run, since the operator may have
    /// reasons (a container whose only user is the agent).</summary>
    internal static void WarnIfReadableByOthers(string path, string field, List<string> warnings)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            warnings.Add($"{field}: {path} holds a pre-shared key and is readable by group or others; chmod 600 it");
    }

    private static string? Fail(ConfigObject connection, string message)
    {
        connection.Error("psk", message);
        return null;
    }
}
