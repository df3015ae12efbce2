using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ike.Engine.Api;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>
/// The JSON of the three kinds of transport message: commands (control plane → agent), results and engine events
/// (agent → control plane). Queue content is network input: decoding never throws, refuses oversized text before
/// parsing it, and checks every field a constructor would have let through as null.
/// </summary>
public static class EngineMessageCodec
{
    /// <summary>A storage queue message holds at most 64 KiB; anything longer did not come from our encoder.</summary>
    public const int MaxMessageChars = 64 * 1024;
    const int MaxTextChars = 4096;

    static readonly JsonSerializerOptions Options = CreateOptions();

    static JsonSerializerOptions CreateOptions()
    {
        // The API's spellings for the connection settings; engine event types by name so a message reads by itself
        // (a converter for that one enum only, so the domain enums keep their declared spellings).
        var options = new JsonSerializerOptions(ApiJson.Options) { MaxDepth = 16 };
        options.Converters.Add(new JsonStringEnumConverter<EngineEventType>());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Encode(EngineCommand command) => JsonSerializer.Serialize(command, Options);
    public static string Encode(EngineCommandResult result) => JsonSerializer.Serialize(result, Options);
    public static string Encode(EngineEvent engineEvent) => JsonSerializer.Serialize(engineEvent, Options);

    public static bool TryDecodeCommand(string? text, [NotNullWhen(true)] out EngineCommand? command, [NotNullWhen(false)] out string? error)
    {
        command = null;
        if (!TryParse(text, out EngineCommand? parsed, out error)) return false;
        error = CommandProblem(parsed);
        if (error is not null) return false;
        command = parsed;
        return true;
    }

    public static bool TryDecodeResult(string? text, [NotNullWhen(true)] out EngineCommandResult? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!TryParse(text, out EngineCommandResult? parsed, out error)) return false;
        error = !IsId(parsed.CommandId) ? "commandId is missing or malformed"
            : string.IsNullOrEmpty(parsed.ReplyTo) || parsed.ReplyTo.Length > 256 ? "replyTo is missing or too long"
            : parsed.Kind is not (EngineCommandKinds.Apply or EngineCommandKinds.Initiate or EngineCommandKinds.Remove or EngineCommandKinds.Query) ? "kind is not a command kind"
            : !IsText(parsed.Detail) ? "detail is missing or too long"
            : null;
        if (error is not null) return false;
        result = parsed;
        return true;
    }

    public static bool TryDecodeEvent(string? text, [NotNullWhen(true)] out EngineEvent? engineEvent, [NotNullWhen(false)] out string? error)
    {
        engineEvent = null;
        if (!TryParse(text, out EngineEvent? parsed, out error)) return false;
        error = !IsText(parsed.Connection) || !EngineConnectionNames.TryParse(parsed.Connection, out _, out _) ? "connection is missing or not {accountId}/{connectionId}"
            : !Enum.IsDefined(parsed.Type) ? "type is not an engine event type"
            : parsed.Detail is null || parsed.Detail.Length > MaxTextChars ? "detail is missing or too long"
            : parsed.Diagnostic is { } d && (!IsText(d.Exchange) || !IsText(d.Side) || !IsText(d.Reason) || !IsText(d.Message)) ? "diagnostic is incomplete"
            : null;
        if (error is not null) return false;
        engineEvent = parsed;
        return true;
    }

    static bool TryParse<T>(string? text, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error) where T : class
    {
        value = null;
        if (string.IsNullOrEmpty(text)) { error = "empty message"; return false; }
        if (text.Length > MaxMessageChars) { error = $"message longer than {MaxMessageChars} characters"; return false; }
        try
        {
            value = JsonSerializer.Deserialize<T>(text, Options);
            error = value is null ? "message is JSON null" : null;
            return value is not null;
        }
        catch (JsonException e) { error = $"not a valid {typeof(T).Name}: {e.Message}"; }
        catch (NotSupportedException e) { error = $"not a valid {typeof(T).Name}: {e.Message}"; }
        return false;
    }

    static string? CommandProblem(EngineCommand c)
    {
        if (!IsId(c.CommandId)) return "commandId is missing or malformed";
        if (c.ReplyTo is null || c.ReplyTo.Length > 256) return "replyTo is missing or too long";
        if (!Ids.IsWellFormed(c.VpnGatewayId) || !Ids.IsWellFormed(c.AccountId) || !Ids.IsWellFormed(c.ConnectionId))
            return "vpnGatewayId, accountId or connectionId is missing or malformed";
        if (c is ApplyConnectionCommand apply)
        {
            var spec = apply.Spec;
            if (spec is null || spec.Settings is null || spec.Settings.IkeConfig is null || spec.Settings.IpsecConfig is null
                || spec.Settings.LocalSubnets is null || spec.Settings.RemoteSubnets is null || spec.Settings.BgpConfig is null
                || spec.Settings.HealthCheckConfig is null)
                return "apply: spec or its settings are incomplete";
            if (spec.Psk is null || spec.GatewayPublicIp is null || spec.CustomerGatewayIp is null) return "apply: psk or gateway addresses missing";
            if (spec.AccountId != c.AccountId || spec.ConnectionId != c.ConnectionId || spec.Settings.VpnGatewayId != c.VpnGatewayId)
                return "apply: the spec names another connection or gateway than the command";
        }
        return null;
    }

    static bool IsId(string? id) => Ids.IsWellFormed(id);
    static bool IsText(string? s) => s is not null && s.Length <= MaxTextChars;
}
