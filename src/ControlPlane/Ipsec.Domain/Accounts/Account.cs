using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>A tenant and the features it is allow-listed for (PRODUCT.md section 2).</summary>
public sealed record Account(
    string AccountId,
    [property: JsonConverter(typeof(ReadOnlySetJsonConverter))] IReadOnlySet<Feature> Features)
{
    public bool Allows(Feature feature) => Features.Contains(feature);
}
