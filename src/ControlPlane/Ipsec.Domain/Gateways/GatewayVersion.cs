using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>
/// Current gateways take a routing mode; legacy ones do not, and their routes are added by hand (seed: "如果您当前的VPN
/// 版本为旧版，您无需选择路由模式").
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatewayVersion>))]
public enum GatewayVersion
{
    [JsonStringEnumMemberName("current")] Current,
    [JsonStringEnumMemberName("legacy")] Legacy,
}
