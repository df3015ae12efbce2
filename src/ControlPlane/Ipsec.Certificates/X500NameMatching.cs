using System.Diagnostics.CodeAnalysis;
using System.Text;
using Ipsec.Domain;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Ipsec.Certificates;

/// <summary>
/// Distinguished names as X.500 names rather than strings: a connection's <c>remoteId</c>
/// (<c>CN=idc,OU=net,O=example,C=CN</c>) must name the same subject as the peer CA certificate, however either side
/// spells it.
/// </summary>
/// <remarks>
/// <para>The string form is RFC 4514's (parsed by <see cref="DistinguishedName"/>): RDNs from the last of the DER
/// RDNSequence to the first (§2.1), so "CN=idc,...,C=CN" is the sequence C, O, OU, CN, which is how OpenSSL and
/// every CA write such a subject.</para>
/// <para>Equality follows RFC 5280 §7.1, which points to the LDAP string preparation of RFC 4518: same number of
/// attributes, in the same order, with the same type OIDs, and values equal after Unicode NFKC normalisation (§2.3),
/// case folding (§2.4, caseIgnoreMatch) and insignificant-space handling (§2.6.1: leading and trailing spaces
/// dropped, inner runs of spaces count as one). Multi-valued RDNs ("CN=a+UID=b") are compared attribute by attribute
/// in the order written; CA subjects do not use them.</para>
/// </remarks>
public static class X500NameMatching
{
    /// <summary>Parses an RFC 4514 string into the name it denotes, in DER order.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out X509Name? name, out string problem)
    {
        name = null;
        if (!DistinguishedName.TryParse(text, out var attributes, out problem))
        {
            return false;
        }

        var oids = new List<DerObjectIdentifier>(attributes.Count);
        var values = new List<string>(attributes.Count);
        for (var i = attributes.Count - 1; i >= 0; i--)
        {
            if (!AttributeTypes.TryGetOid(attributes[i].Type, out var oid))
            {
                problem = $"attribute type '{attributes[i].Type}' has no known OID";
                return false;
            }

            oids.Add(oid);
            values.Add(attributes[i].Value);
        }

        name = new X509Name(oids, values);
        return true;
    }

    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> are the same X.500 name under the rules
    /// above.</summary>
    public static bool AreEqual(X509Name left, X509Name right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var leftTypes = left.GetOidList();
        var rightTypes = right.GetOidList();
        var leftValues = left.GetValueList();
        var rightValues = right.GetValueList();
        if (leftTypes.Count != rightTypes.Count)
        {
            return false;
        }

        for (var i = 0; i < leftTypes.Count; i++)
        {
            if (!leftTypes[i].Equals(rightTypes[i])
                || !string.Equals(Prepare(leftValues[i]), Prepare(rightValues[i]), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="text"/> parses and names <paramref name="name"/>.</summary>
    public static bool Matches(X509Name name, string? text) =>
        TryParse(text, out var parsed, out _) && AreEqual(name, parsed);

    /// <summary>The RFC 4514 string of <paramref name="name"/> (leaf first), for messages.</summary>
    public static string ToRfc4514(X509Name name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToString(reverse: true, X509Name.RFC2253Symbols);
    }

    /// <summary>RFC 4518 §2.3 normalise (NFKC), §2.4 case-fold, §2.6.1 insignificant spaces.</summary>
    private static string Prepare(string value)
    {
        var normalized = value.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var prepared = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = prepared.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                prepared.Append(' ');
                pendingSpace = false;
            }

            prepared.Append(c);
        }

        return prepared.ToString();
    }
}
