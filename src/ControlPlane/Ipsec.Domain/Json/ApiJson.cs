using System.Text.Json;

namespace Ipsec.Domain;

/// <summary>
/// The JSON shape of the API and of stored records: camelCase property names and the enum spellings declared on each
/// enum (<c>"natTraversal"</c>, <c>"sm"</c>, <c>"protectedFlows"</c>, <c>"ike_sa_established"</c>, ...).
/// </summary>
public static class ApiJson
{
    /// <summary>Web defaults (camelCase, case-insensitive reading), sets as arrays; read-only so no caller can change it for all others.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new ReadOnlySetJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
