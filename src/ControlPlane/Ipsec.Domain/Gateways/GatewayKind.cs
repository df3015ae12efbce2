using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>Standard (international algorithms, PSK) or sm (国密: SM2 certificates, SM3, SM4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatewayKind>))]
public enum GatewayKind
{
    [JsonStringEnumMemberName("standard")] Standard,
    [JsonStringEnumMemberName("sm")] Sm,
}
