using System.Text.Json.Serialization;

namespace Ipsec.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<IkeVersion>))]
public enum IkeVersion
{
    /// <summary>RFC 2409 (and GM/T 0022 on sm gateways).</summary>
    [JsonStringEnumMemberName("ikev1")] Ikev1,

    /// <summary>RFC 7296.</summary>
    [JsonStringEnumMemberName("ikev2")] Ikev2,
}
