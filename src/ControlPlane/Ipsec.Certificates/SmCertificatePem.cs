using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Ipsec.Domain;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>
/// Certificates in and out as PEM (RFC 7468 §5, label "CERTIFICATE") and DER. Only certificates: private keys leave
/// encrypted, through <see cref="Ipsec.Crypto.Sm.Sm2PrivateKeyPem"/>.
/// </summary>
public static class SmCertificatePem
{
    private const string Label = "CERTIFICATE";

    /// <summary>The certificate as one PEM block.</summary>
    public static string Write(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PemEncoding.WriteString(Label, certificate.GetEncoded());
    }

    /// <summary>Reads a DER certificate (an IKE CERT payload's data); false for anything else, including trailing
    /// bytes.</summary>
    public static bool TryParseDer(ReadOnlySpan<byte> der, [NotNullWhen(true)] out X509Certificate? certificate)
    {
        certificate = null;
        if (der.IsEmpty)
        {
            return false;
        }

        try
        {
            var structure = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der.ToArray()));
            if (structure is null)
            {
                return false;
            }

            certificate = new X509Certificate(structure);
            return true;
        }
        catch (Exception exception) when (MalformedInput.Is(exception))
        {
            return false;
        }
    }

    /// <summary>
    /// Reads text that must be exactly one PEM certificate block (whitespace around it allowed), at most
    /// <see cref="PemCertificate.MaxLength"/> characters. On failure <paramref name="problem"/> says whether the text was
    /// not PEM (<see cref="CertificateErrorCodes.RemoteCaNotPem"/>) or the block was not a certificate
    /// (<see cref="CertificateErrorCodes.RemoteCaNotCertificate"/>).
    /// </summary>
    public static bool TryReadSingle(
        string? text, [NotNullWhen(true)] out X509Certificate? certificate, [NotNullWhen(false)] out CertificateProblem? problem)
    {
        certificate = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = new(CertificateErrorCodes.RemoteCaNotPem, "the certificate is empty");
            return false;
        }

        if (text.Length > PemCertificate.MaxLength)
        {
            problem = new(CertificateErrorCodes.RemoteCaNotPem, $"the certificate is longer than {PemCertificate.MaxLength} characters");
            return false;
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            problem = new(CertificateErrorCodes.RemoteCaNotPem, "not a PEM block: expected -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----");
            return false;
        }

        if (!text.AsSpan()[fields.Label].SequenceEqual(Label))
        {
            problem = new(CertificateErrorCodes.RemoteCaNotPem, $"the PEM block is a '{text[fields.Label]}', not a CERTIFICATE");
            return false;
        }

        if (!text.AsSpan(0, fields.Location.Start.Value).IsWhiteSpace() || !text.AsSpan(fields.Location.End.Value).IsWhiteSpace())
        {
            problem = new(CertificateErrorCodes.RemoteCaNotPem, "expected exactly one PEM certificate and nothing else");
            return false;
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written)
            || !TryParseDer(der.AsSpan(0, written), out certificate))
        {
            problem = new(CertificateErrorCodes.RemoteCaNotCertificate, "the PEM body is not a DER-encoded X.509 certificate");
            return false;
        }

        return true;
    }
}
