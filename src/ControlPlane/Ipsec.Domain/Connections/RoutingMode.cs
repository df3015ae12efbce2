using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>
/// Destination: route by destination IP, the user adds destination routes. ProtectedFlows (感兴趣流模式): route by
/// source and destination, the system adds one policy route per local×remote subnet pair.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingMode>))]
public enum RoutingMode
{
    [JsonStringEnumMemberName("destination")] Destination,
    [JsonStringEnumMemberName("protectedFlows")] ProtectedFlows,
}
