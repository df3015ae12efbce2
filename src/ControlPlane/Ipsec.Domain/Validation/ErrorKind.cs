using System.Text.Json.Serialization;

namespace Ipsec.Domain;

/// <summary>
/// What kind of failure an <see cref="ApiError"/> is, so the HTTP layer can pick the status without reading codes.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorKind>))]
public enum ErrorKind
{
    /// <summary>The request is malformed or breaks a rule (HTTP 400).</summary>
    [JsonStringEnumMemberName("invalid")] Invalid,

    /// <summary>The account may not do this, e.g. a feature outside its allow-list (HTTP 403).</summary>
    [JsonStringEnumMemberName("forbidden")] Forbidden,

    /// <summary>The addressed resource does not exist for this account (HTTP 404).</summary>
    [JsonStringEnumMemberName("notFound")] NotFound,

    /// <summary>The request clashes with the resource's current state (HTTP 409).</summary>
    [JsonStringEnumMemberName("conflict")] Conflict,
}
