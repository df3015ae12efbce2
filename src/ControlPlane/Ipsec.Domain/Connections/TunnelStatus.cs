using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>The tunnel status as the console shows it (PRODUCT.md section 4), spelled in snake case in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TunnelStatus>))]
public enum TunnelStatus
{
    [JsonStringEnumMemberName("ike_sa_not_established")] IkeSaNotEstablished,
    [JsonStringEnumMemberName("ike_sa_established")] IkeSaEstablished,
    [JsonStringEnumMemberName("ipsec_sa_not_established")] IpsecSaNotEstablished,
    [JsonStringEnumMemberName("ipsec_sa_established")] IpsecSaEstablished,
}
