using System.Net;
using System.Text.Json;
using Ike.Engine.Api;
using Ipsec.Domain;

namespace Ike.Agent.Configuration;

/// <summary>
/// Reads the agent's JSON configuration (what swanctl.conf is to charon):
/// <code>
/// {
///   "listen": [ { "address": "127.0.0.1", "ikePort": 15500, "natPort": 14500 } ],
///   "controlSocket": "/run/ipsec-agent/control.sock",
///   "connections": [ { "name": "idc", "remoteAddress": "127.0.0.2", ... } ]
/// }
/// </code>
/// Connection fields use the connection API's names (PRODUCT.md §3; see <see cref="ConnectionReader"/>). Parsing is
/// strict: unknown fields, repeated fields, wrong JSON types and out-of-range values are errors, each naming the field
/// and its line, all reported together in one <see cref="AgentConfigException"/>. Comments (<c>//</c>, <c>/* */</c>)
/// are allowed, trailing commas are not.
/// </summary>
public static class AgentConfigReader
{
    /// <summary>Bounds what is read into memory; a thousand connections fit in well under this.</summary>
    public const int MaxConfigBytes = 1 << 20;

    public const int MaxListenEndpoints = 16;
    public const int MaxConnections = 1000;

    /// <summary>sun_path is 108 bytes on Linux, the terminating NUL included (unix(7)).</summary>
    public const int MaxSocketPathBytes = 107;

    internal static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>Reads and checks the file at <paramref name="path"/>; PSK references resolve against its folder and
    /// <paramref name="environment"/> (the process environment when null). With <paramref name="runningListen"/> (a
    /// reload), connections are checked against the endpoints already bound, and a changed <c>listen</c> is a warning.</summary>
    public static AgentConfig Load(string path, Func<string, string?>? environment = null, IReadOnlyList<ListenEndpoint>? runningListen = null)
    {
        string fullPath = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxConfigBytes)
                throw new AgentConfigException(fullPath, [new ConfigError("", 1, $"the file is {stream.Length} bytes; at most {MaxConfigBytes} are read")]);
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigException(fullPath, [new ConfigError("", 1, $"cannot read the file: {e.Message}")]);
        }
        try
        {
            var config = Parse(bytes, fullPath, Path.GetDirectoryName(fullPath)!, environment ?? Environment.GetEnvironmentVariable, runningListen);
            if (HasInlineSecret(bytes))
            {
                var warnings = new List<string>(config.Warnings);
                SecretReader.WarnIfReadableByOthers(fullPath, "psk", warnings);
                config = config with { Warnings = warnings };
            }
            return config;
        }
        finally
        {
            // Inline PSKs are in these bytes.
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Parses a configuration held in memory. <paramref name="source"/> names it in errors.</summary>
    public static AgentConfig Parse(ReadOnlySpan<byte> json, string source, string baseDirectory, Func<string, string?> environment,
        IReadOnlyList<ListenEndpoint>? runningListen = null)
    {
        if (json.StartsWith(System.Text.Encoding.UTF8.Preamble)) json = json[System.Text.Encoding.UTF8.Preamble.Length..];
        var errors = new List<ConfigError>();
        var lines = JsonLineIndex.Build(json, ReaderOptions, errors);
        if (errors.Count > 0) throw new AgentConfigException(source, errors);

        using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions
        {
            CommentHandling = ReaderOptions.CommentHandling,
            AllowTrailingCommas = ReaderOptions.AllowTrailingCommas,
            MaxDepth = ReaderOptions.MaxDepth,
        });
        var root = ConfigObject.Open(document.RootElement, "", lines, errors);
        if (root is null) throw new AgentConfigException(source, errors);

        var warnings = new List<string>();
        var listen = ReadListen(root);
        if (runningListen is not null && listen is not null)
        {
            if (!listen.SequenceEqual(runningListen))
                warnings.Add($"listen changed to {string.Join(", ", listen)}; the agent keeps serving {string.Join(", ", runningListen)} until it is restarted");
            listen = runningListen;
        }
        string? controlSocket = ReadControlSocket(root);
        var connections = new List<ConnectionConfig>();
        var items = root.Array("connections", required: true);
        root.RejectUnknownFields();

        if (items is not null && items.Count > MaxConnections)
            root.Error("connections", $"lists {items.Count} connections; at most {MaxConnections} are allowed");
        else if (items is not null && listen is not null)
        {
            var reader = new ConnectionReader(listen, new SecretReader(baseDirectory, environment), warnings);
            var firstUse = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (item, path) in items)
            {
                var obj = ConfigObject.Open(item, path, lines, errors);
                if (obj is null) continue;
                var connection = reader.Read(obj);
                if (connection is null) continue;
                if (firstUse.TryGetValue(connection.Name, out string? earlier))
                {
                    obj.Error("name", $"\"{connection.Name}\" is already the name of {earlier}");
                    connection.Psk.Dispose();
                    continue;
                }
                firstUse.Add(connection.Name, path);
                connections.Add(connection);
            }
        }

        if (errors.Count > 0)
        {
            foreach (var connection in connections) connection.Psk.Dispose();
            throw new AgentConfigException(source, errors);
        }
        return new AgentConfig(listen!, controlSocket, connections, warnings);
    }

    private static IReadOnlyList<ListenEndpoint>? ReadListen(ConfigObject root)
    {
        var items = root.Array("listen", required: true);
        if (items is null) return null;
        if (items.Count is 0 or > MaxListenEndpoints)
        {
            root.Error("listen", $"must list 1 to {MaxListenEndpoints} endpoints, not {items.Count}");
            return null;
        }
        var result = new List<ListenEndpoint>();
        var ports = new Dictionary<IPEndPoint, string>();
        bool valid = true;
        foreach (var (item, path) in items)
        {
            var entry = root.OpenItem(item, path);
            if (entry is null) { valid = false; continue; }
            var address = ReadAddress(entry, "address", required: true, "the listen address");
            int ikePort = entry.Integer("ikePort", 1, 65535) ?? ListenEndpoint.DefaultIkePort;
            int natPort = entry.Integer("natPort", 1, 65535) ?? ListenEndpoint.DefaultNatPort;
            entry.RejectUnknownFields();
            if (address is null) { valid = false; continue; }
            if (ikePort == natPort)
            {
                // RFC 3948 §2.2: on the NAT-T port a packet is IKE only after the non-ESP marker, on the IKE port always.
                // One socket cannot be both.
                entry.Error("natPort", $"must differ from ikePort ({ikePort})");
                valid = false;
                continue;
            }
            var endpoint = new ListenEndpoint(address, ikePort, natPort);
            foreach (var (port, field) in new[] { (endpoint.Ike, "ikePort"), (endpoint.Nat, "natPort") })
            {
                if (ports.TryAdd(port, $"{path}.{field}")) continue;
                entry.Error(field, $"{port} is already used by {ports[port]}");
                valid = false;
            }
            result.Add(endpoint);
        }
        return valid ? result : null;
    }

    private static string? ReadControlSocket(ConfigObject root)
    {
        string? path = root.String("controlSocket");
        if (path is null) return null;
        if (path.Length == 0 || !Path.IsPathFullyQualified(path))
        {
            root.Error("controlSocket", "must be an absolute path");
            return null;
        }
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxSocketPathBytes)
        {
            root.Error("controlSocket", $"is longer than the {MaxSocketPathBytes} bytes a Unix socket path may have");
            return null;
        }
        return path;
    }

    /// <summary>A specific unicast IPv4 address. Not the wildcard: NAT detection hashes the exact local address
    /// (RFC 7296 §2.23) and identities default to it. IPv4 only, like the engine's traffic selectors.</summary>
    internal static IPAddress? ReadAddress(ConfigObject obj, string field, bool required, string what)
    {
        string? text = obj.String(field, required);
        if (text is null) return null;
        if (!Ipv4Address.TryParse(text, out var address) || !address.IsUnicast)
        {
            obj.Error(field, $"must be {what} as a unicast IPv4 address in dotted-quad form (e.g. 192.0.2.1), not \"{text}\"");
            return null;
        }
        return IPAddress.Parse(address.ToString());
    }

    /// <summary>True when the document's text has a string-valued "psk" (the key itself, not a reference). A textual
    /// check suffices: it only decides whether to warn about the file's mode.</summary>
    private static bool HasInlineSecret(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("psk"u8)
                    && reader.Read() && reader.TokenType == JsonTokenType.String)
                    return true;
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
