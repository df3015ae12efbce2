namespace Ipsec.Domain;

/// <summary>
/// Advice about a request that is nevertheless accepted (PRODUCT.md section 3, "Warnings"): the response lists it.
/// </summary>
public sealed record ApiWarning(string Code, string Field, string Message);
