using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>The provisioning state of a connection resource (PRODUCT.md section 4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProvisioningState>))]
public enum ProvisioningState
{
    [JsonStringEnumMemberName("creating")] Creating,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("updating")] Updating,
    [JsonStringEnumMemberName("deleting")] Deleting,
    [JsonStringEnumMemberName("failed")] Failed,
}
