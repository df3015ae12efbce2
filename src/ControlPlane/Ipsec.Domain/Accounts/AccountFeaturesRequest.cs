namespace Ipsec.Domain;

/// <summary>
/// Body of <c>PUT /api/admin/accounts/{accountId}</c>: <c>{"features": ["dpd", "natTraversal", "bgp", "healthCheck"]}</c>,
/// any subset. Read by <see cref="RequestReader.ReadAccountFeatures"/>, which already checks every name.
/// </summary>
public sealed record AccountFeaturesRequest([property: System.Text.Json.Serialization.JsonConverter(typeof(ReadOnlySetJsonConverter))] IReadOnlySet<Feature> Features);
