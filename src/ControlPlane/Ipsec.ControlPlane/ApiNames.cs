using System.Text.Json;
using Ipsec.Domain;

namespace Ipsec.ControlPlane;

/// <summary>The API's spelling of an enum value ("ike_sa_not_established", "creating", ...), from the domain's JSON options.</summary>
public static class ApiNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, ApiJson.Options).Trim('"');
}
