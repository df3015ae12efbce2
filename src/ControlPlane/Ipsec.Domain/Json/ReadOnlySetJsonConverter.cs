using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>
/// Reads and writes <see cref="IReadOnlySet{T}"/> as a JSON array. System.Text.Json cannot create an instance of that
/// interface on its own, so without this an <see cref="Account"/> could be written but never read back. Items are
/// written in their natural order so the stored JSON of equal sets is identical.
/// </summary>
public sealed class ReadOnlySetJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlySet<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SetConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class SetConverter<T> : JsonConverter<IReadOnlySet<T>>
    {
        public override IReadOnlySet<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var items = JsonSerializer.Deserialize<List<T>>(ref reader, options);
            return items is null ? null : items.ToHashSet();
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Order().ToList(), options);
    }
}
