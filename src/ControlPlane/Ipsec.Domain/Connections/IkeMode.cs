using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>
/// IKEv1 phase 1 exchange (RFC 2409 section 5): main mode protects the identities, aggressive mode is faster and
/// works with FQDN identities and PSKs. IKEv2 has a single exchange, so the mode only means something for IKEv1.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<IkeMode>))]
public enum IkeMode
{
    [JsonStringEnumMemberName("main")] Main,
    [JsonStringEnumMemberName("aggressive")] Aggressive,
}
