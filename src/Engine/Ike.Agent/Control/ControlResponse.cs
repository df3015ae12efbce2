using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ike.Agent.Control.Views;

namespace Ike.Agent.Control;

/// <summary>Writes the response lines of <see cref="ControlProtocol"/>: <c>{"ok":true,"result":...}</c>,
/// <c>{"ok":false,"error":...}</c> and <c>{"ok":true,"event":...}</c>, each ending in a newline.</summary>
internal static class ControlResponse
{
    public static byte[] Result<T>(T result, JsonTypeInfo<T> type) => Line(true, "result", result, type);

    public static byte[] Error(ErrorView error) => Line(false, "error", error, ControlJson.Default.ErrorView);

    public static byte[] Error(string code, string message) => Error(new ErrorView(code, message));

    public static byte[] Event(EventView e) => Line(true, "event", e, ControlJson.Default.EventView);

    private static byte[] Line<T>(bool ok, string member, T value, JsonTypeInfo<T> type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", ok);
            writer.WritePropertyName(member);
            JsonSerializer.Serialize(writer, value, type);
            writer.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }
}
