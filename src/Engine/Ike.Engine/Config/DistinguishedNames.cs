using System.Diagnostics.CodeAnalysis;
using Ike.Encoding.V2.Payloads;
using Ipsec.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Ike.Engine.Config;

/// <summary>ID_DER_ASN1_DN identities (RFC 7296 §3.5) read from peer bytes without ever throwing.</summary>
public static class DistinguishedNames
{
    /// <summary>Decodes DER Name bytes; false for anything that is not exactly one DER Name.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> der, [NotNullWhen(true)] out X509Name? name)
    {
        name = null;
        try
        {
            // a Name is a SEQUENCE; refuse trailing bytes so two different byte strings cannot name the same subject
            Asn1Object parsed = Asn1Object.FromByteArray(der.ToArray());
            if (parsed is not Asn1Sequence || parsed.GetDerEncoded().Length != der.Length)
            {
                return false;
            }

            name = X509Name.GetInstance(parsed);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or Asn1Exception or FormatException)
        {
            return false;
        }
    }

    /// <summary>"dn:CN=gw,O=Example,C=CN" (RFC 4514 order, leaf first), or "dn:(undecodable)".</summary>
    public static string Describe(IdPayload id) => Describe(id.Data);

    /// <summary>The same for the Identification Data of an IKEv1 ID payload.</summary>
    public static string Describe(ReadOnlyMemory<byte> der) =>
        TryDecode(der, out var name) ? "dn:" + Describe(name) : "dn:(undecodable)";

    /// <summary>A name for diagnostics: RFC 4514, control characters of a hostile peer shown as '?', at most 200 characters.</summary>
    public static string Describe(X509Name name) =>
        new([.. X500NameMatching.ToRfc4514(name).Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
}
