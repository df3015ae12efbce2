using System.Security.Cryptography;

namespace Ipsec.Domain;

/// <summary>
/// A first check of an uploaded CA certificate: it must look like a PEM certificate (RFC 7468 section 5: label
/// "CERTIFICATE", base64 body) whose content starts as a DER SEQUENCE. Whether it is an SM2 CA whose subject matches
/// <c>remoteId</c> is checked when certificates are handled (PRODUCT.md section 3, "remoteCaCertificate").
/// </summary>
public static class PemCertificate
{
    /// <summary>Generous for a CA certificate (typically 1–2 KiB) or a short chain; bounds what we decode.</summary>
    public const int MaxLength = 64 * 1024;

    private const byte DerSequenceTag = 0x30;

    public static bool LooksValid(string? text, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(text)) { problem = "the certificate is empty"; return false; }
        if (text.Length > MaxLength) { problem = $"the certificate is longer than {MaxLength} characters"; return false; }
        if (!PemEncoding.TryFind(text, out var fields))
        {
            problem = "not a PEM block: expected -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----";
            return false;
        }
        if (!text.AsSpan()[fields.Label].SequenceEqual("CERTIFICATE"))
        {
            problem = $"the PEM block is a '{text[fields.Label]}', not a CERTIFICATE";
            return false;
        }
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out int written) || written == 0 || der[0] != DerSequenceTag)
        {
            problem = "the PEM body is not a DER-encoded certificate";
            return false;
        }
        return true;
    }
}
