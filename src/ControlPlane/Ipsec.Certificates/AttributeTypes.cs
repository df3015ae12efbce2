using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Asn1;

namespace Ipsec.Certificates;

/// <summary>
/// Attribute type names of a distinguished name (the ones <see cref="Ipsec.Domain.DistinguishedName"/> accepts) to
/// their OIDs, so names compare by OID: "cn", "CN" and "2.5.4.3" are one type.
/// </summary>
/// <remarks>
/// RFC 4514 §3 for CN, L, ST, O, OU, C, STREET, DC and UID; RFC 4519 for the rest, with the meanings OpenSSL gives the
/// short forms (SN is surname, 2.5.4.4, not serialNumber); E and EMAILADDRESS are PKCS #9 emailAddress (RFC 2985).
/// </remarks>
internal static class AttributeTypes
{
    private static readonly Dictionary<string, DerObjectIdentifier> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = new("2.5.4.3"),
        ["L"] = new("2.5.4.7"),
        ["ST"] = new("2.5.4.8"),
        ["O"] = new("2.5.4.10"),
        ["OU"] = new("2.5.4.11"),
        ["C"] = new("2.5.4.6"),
        ["STREET"] = new("2.5.4.9"),
        ["DC"] = new("0.9.2342.19200300.100.1.25"),
        ["UID"] = new("0.9.2342.19200300.100.1.1"),
        ["SN"] = new("2.5.4.4"),
        ["GN"] = new("2.5.4.42"),
        ["SERIALNUMBER"] = new("2.5.4.5"),
        ["T"] = new("2.5.4.12"),
        ["TITLE"] = new("2.5.4.12"),
        ["E"] = new("1.2.840.113549.1.9.1"),
        ["EMAILADDRESS"] = new("1.2.840.113549.1.9.1"),
        ["DNQ"] = new("2.5.4.46"),
        ["PSEUDONYM"] = new("2.5.4.65"),
        ["POSTALCODE"] = new("2.5.4.17"),
        ["NAME"] = new("2.5.4.41"),
    };

    /// <summary>commonName, whose value the gateway id becomes in a gateway certificate.</summary>
    public static DerObjectIdentifier CommonName { get; } = ByName["CN"];

    /// <summary>The OID of a short name or of a dotted OID.</summary>
    public static bool TryGetOid(string type, [NotNullWhen(true)] out DerObjectIdentifier? oid)
    {
        if (ByName.TryGetValue(type, out oid))
        {
            return true;
        }

        return DerObjectIdentifier.TryFromID(type, out oid);
    }
}
