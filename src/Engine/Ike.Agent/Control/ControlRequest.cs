using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Ike.Agent.Control.Views;

namespace Ike.Agent.Control;

/// <summary>
/// One request line: <c>command</c> plus the arguments it takes — <c>name</c> (initiate, terminate, probe; optional
/// filter for list-sas), <c>from</c> and <c>to</c> (probe), <c>timeoutSeconds</c> (initiate, terminate, probe, load).
/// An argument a command does not take is refused rather than ignored, so a client's mistake is visible.
/// </summary>
public sealed record ControlRequest(ControlCommand Command, string? Name = null, IPAddress? From = null, IPAddress? To = null, TimeSpan? Timeout = null)
{
    /// <summary>The request's time limit: the one asked for, else the command's default.</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? ControlCommandNames.DefaultTimeout(Command);

    /// <summary>Parses one line. Never throws on hostile input: returns null and the error to send back.</summary>
    public static ControlRequest? TryParse(ReadOnlyMemory<byte> line, out ErrorView? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 4 });
            return FromElement(document.RootElement, out error);
        }
        catch (JsonException e)
        {
            error = Bad($"the request is not valid JSON: {e.Message}");
            return null;
        }
    }

    private static ControlRequest? FromElement(JsonElement root, out ErrorView? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object) return Fail(Bad("the request must be a JSON object"), out error);
        if (!root.TryGetProperty("command", out var commandValue) || commandValue.ValueKind != JsonValueKind.String)
            return Fail(Bad("\"command\" is required, a string: one of " + ControlCommandNames.All), out error);
        string commandName = commandValue.GetString()!;
        if (!ControlCommandNames.TryParse(commandName, out var command))
            return Fail(new ErrorView(ControlErrorCodes.UnknownCommand, $"unknown command \"{Truncate(commandName)}\"; commands: {ControlCommandNames.All}"), out error);

        var allowed = AllowedArguments(command);
        string? name = null, from = null, to = null;
        double? timeoutSeconds = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "command") continue;
            if (!allowed.Contains(property.Name))
                return Fail(Bad($"{commandName} takes no \"{Truncate(property.Name)}\"" + (allowed.Length == 0 ? "" : $"; it takes {string.Join(", ", allowed)}")), out error);
            if (property.Name == "timeoutSeconds")
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out double seconds)
                    || !(seconds > 0) || seconds > ControlProtocol.MaxCommandTimeout.TotalSeconds)
                    return Fail(Bad($"timeoutSeconds must be a number greater than 0 and at most {ControlProtocol.MaxCommandTimeout.TotalSeconds}"), out error);
                timeoutSeconds = seconds;
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.String)
                return Fail(Bad($"\"{property.Name}\" must be a string"), out error);
            string value = property.Value.GetString()!;
            switch (property.Name)
            {
                case "name": name = value; break;
                case "from": from = value; break;
                case "to": to = value; break;
            }
        }

        bool needsName = command is ControlCommand.Initiate or ControlCommand.Terminate or ControlCommand.Probe;
        if (needsName && string.IsNullOrEmpty(name)) return Fail(Bad($"{commandName} needs \"name\": the connection"), out error);
        IPAddress? fromAddress = null, toAddress = null;
        if (command == ControlCommand.Probe)
        {
            if (!TryAddress(from, out fromAddress)) return Fail(Bad("probe needs \"from\": the IPv4 address the echo is sent from (inside the local subnets)"), out error);
            if (!TryAddress(to, out toAddress)) return Fail(Bad("probe needs \"to\": the IPv4 address to echo (inside the remote subnets)"), out error);
        }
        return new ControlRequest(command, name, fromAddress, toAddress, timeoutSeconds is null ? null : TimeSpan.FromSeconds(timeoutSeconds.Value));
    }

    private static string[] AllowedArguments(ControlCommand command) => command switch
    {
        ControlCommand.Initiate or ControlCommand.Terminate => ["name", "timeoutSeconds"],
        ControlCommand.Probe => ["name", "from", "to", "timeoutSeconds"],
        ControlCommand.ListSas => ["name"],
        ControlCommand.Load => ["timeoutSeconds"],
        _ => [],
    };

    private static bool TryAddress(string? text, out IPAddress? address)
    {
        address = null;
        if (text is null || !Ipsec.Domain.Ipv4Address.TryParse(text, out var parsed)) return false;
        address = IPAddress.Parse(parsed.ToString());
        return true;
    }

    /// <summary>The request as one JSON line (with its newline), as a client sends it.</summary>
    public byte[] ToLine()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("command", ControlCommandNames.NameOf(Command));
            if (Name is not null) writer.WriteString("name", Name);
            if (From is not null) writer.WriteString("from", From.ToString());
            if (To is not null) writer.WriteString("to", To.ToString());
            if (Timeout is not null) writer.WriteNumber("timeoutSeconds", Math.Round(Timeout.Value.TotalSeconds, 3));
            writer.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    public override string ToString() =>
        string.Join(" ", new[] { ControlCommandNames.NameOf(Command), Name, From?.ToString(), To?.ToString(),
            Timeout is null ? null : Timeout.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s" }.Where(p => p is not null));

    private static ErrorView Bad(string message) => new(ControlErrorCodes.BadRequest, message);

    private static ControlRequest? Fail(ErrorView view, out ErrorView? error)
    {
        error = view;
        return null;
    }

    /// <summary>Echoes of client text in errors are kept short: the line may be 64 KiB.</summary>
    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
