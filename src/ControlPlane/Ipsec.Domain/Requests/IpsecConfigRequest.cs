namespace Ipsec.Domain;

/// <summary>The <c>ipsecConfig</c> object of a request; null members were not given.</summary>
public sealed record IpsecConfigRequest(
    string? IpsecEncAlg = null,
    string? IpsecAuthAlg = null,
    string? IpsecPfs = null,
    int? IpsecLifetime = null);
