using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>
/// The API spelling of an enum value, taken from its <see cref="JsonStringEnumMemberNameAttribute"/> so the JSON
/// converter, the request parser and error messages share one source.
/// </summary>
public static class EnumSpelling
{
    /// <summary>"ike_sa_established" for <see cref="TunnelStatus.IkeSaEstablished"/>.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Table<TEnum>.Names[value];

    /// <summary>Parses an API spelling, ignoring case ("IKEv2" is taken as "ikev2").</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Table<TEnum>.Values.TryGetValue(text, out value);
    }

    /// <summary>Every spelling, for messages: "ikev1, ikev2".</summary>
    public static string List<TEnum>() where TEnum : struct, Enum => string.Join(", ", Table<TEnum>.Names.Values.Order(StringComparer.Ordinal));

    private static class Table<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(
                field => (TEnum)field.GetValue(null)!,
                field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name);

        public static readonly FrozenDictionary<string, TEnum> Values =
            Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);
    }
}
