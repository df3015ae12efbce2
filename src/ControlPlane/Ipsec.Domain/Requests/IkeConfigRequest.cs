namespace Ipsec.Domain;

/// <summary>The <c>ikeConfig</c> object of a request; null members were not given.</summary>
public sealed record IkeConfigRequest(
    string? IkeVersion = null,
    string? IkeMode = null,
    string? IkeEncAlg = null,
    string? IkeAuthAlg = null,
    string? IkePfs = null,
    int? IkeLifetime = null,
    string? LocalId = null,
    string? RemoteId = null);
