namespace Ipsec.Crypto.Sm;

/// <summary>One row of <see cref="SmIdentifiers.All"/>: a number (or OID) the SM suite puts on the wire.</summary>
/// <param name="Name">What the value identifies, e.g. <c>SM4-CBC</c>.</param>
/// <param name="Field">The protocol field (namespace) the value lives in; the same number means different things in
/// different fields (10 is ECDSA-384 in the RFC 4754 authentication method field and the digital envelope in
/// GM/T 0022's).</param>
/// <param name="Value">The numeric value, or null for an OID row.</param>
/// <param name="Oid">The dotted object identifier, or null for a numeric row.</param>
/// <param name="Origin">Whose number it is.</param>
/// <param name="Source">The document and section, or why we chose the value.</param>
public sealed record SmIdentifier(string Name, string Field, int? Value, string? Oid, SmIdentifierOrigin Origin, string Source);
