using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>
/// The settings an account must be allow-listed for (seed: "DPD功能、NAT穿越功能、BGP动态路由功能、健康检查功能均白名单开放").
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Feature>))]
public enum Feature
{
    [JsonStringEnumMemberName("dpd")] Dpd,
    [JsonStringEnumMemberName("natTraversal")] NatTraversal,
    [JsonStringEnumMemberName("bgp")] Bgp,
    [JsonStringEnumMemberName("healthCheck")] HealthCheck,
}
