using System.Formats.Asn1;
using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Config;
using Ike.Engine.Sa.Certificates;
using Ipsec.Certificates;
using Ipsec.Crypto.Randomness;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.X509;

namespace Ike.Engine.Sa.V2.Auth;

/// <summary>
/// SM2 certificate authentication of IKE_AUTH for sm gateways (draft-guo-ipsecme-ikev2-using-shangmi): CERT with our
/// signing certificate (encoding 4, X.509 Certificate - Signature), CERTREQ naming the peer CA (RFC 7296 §3.7), and
/// AUTH method 14 Digital Signature (RFC 7427 §3) with the SM2-with-SM3 AlgorithmIdentifier, the signature an SM2
/// signature (GB/T 32918.2, default identity Z) over the §2.15 signed octets.
/// </summary>
internal static class Sm2CertificateAuthenticator
{
    /// <summary>AlgorithmIdentifier { sm2-with-sm3 } without parameters, as RFC 7427 Appendix A writes the ECDSA ones
    /// (RFC 5758 §3.2: the EC signature algorithms "MUST omit the parameters field").</summary>
    public static ReadOnlyMemory<byte> Sm2WithSm3AlgorithmIdentifier { get; } = EncodeAlgorithmIdentifier();

    /// <summary>CERT: the first certificate carries the key that verifies AUTH (RFC 7296 §3.6).</summary>
    public static CertPayload OwnCertificate(LoadedCertificates certificates) =>
        new(CertificateEncoding.X509Signature, certificates.SigningCertificateDer);

    /// <summary>CERTREQ naming the one CA we accept the peer's certificate from.</summary>
    public static CertReqPayload PeerCaRequest(LoadedCertificates certificates) =>
        CertReqPayload.ForX509([certificates.PeerCaKeyHash]);

    /// <summary>AUTH = method 14 with SM2-with-SM3 and our SM2 signature over <paramref name="signedOctets"/>.</summary>
    public static AuthPayload Sign(LoadedCertificates certificates, ReadOnlySpan<byte> signedOctets, IRandomSource random)
    {
        byte[] signature = Sm2Signature.Sign(certificates.Credentials.SigningKey, signedOctets, Sm2SignatureEncoding.Der, random);
        return new AuthPayload(AuthMethod.DigitalSignature, new SignatureAuthData(Sm2WithSm3AlgorithmIdentifier, signature).Encode());
    }

    /// <summary>
    /// Verifies the peer: its certificate (the first CERT payload) chains to the configured peer CA, is valid now and
    /// holds an SM2 key (<see cref="PeerCertificateCheck"/>); its ID is that certificate's subject (RFC 4945 §3.1.5); the
    /// subject is the configured remote ID (or the remote ID is the peer CA's subject); and AUTH is its SM2 signature
    /// over <paramref name="signedOctets"/>. Returns null when all of that holds, else what a network engineer should
    /// fix.
    /// </summary>
    public static string? Verify(
        LoadedCertificates certificates, IdPayload peerId, IEnumerable<CertPayload> certs, AuthPayload auth,
        ReadOnlySpan<byte> signedOctets, TimeProvider clock)
    {
        if (auth.Method != AuthMethod.DigitalSignature)
        {
            return $"peer authenticates with AUTH method {(byte)auth.Method}, this connection requires SM2 certificates "
                + $"(method {SmIdentifiers.Ikev2AuthMethodDigitalSignature}, Digital Signature, RFC 7427)";
        }

        CertPayload? cert = certs.FirstOrDefault();
        if (cert is null || cert.Encoding != CertificateEncoding.X509Signature)
        {
            return cert is null
                ? "peer sent no certificate (CERT payload); it must send its SM2 signing certificate"
                : $"peer sent certificate encoding {(byte)cert.Encoding}, not X.509 Certificate - Signature (4)";
        }

        if (!SmPeerCertificates.TryCheckCertificate(certificates, cert.Data.Span, SmCertificateUsage.Signing, clock, out X509Certificate? peer, out string? refused))
        {
            return refused;
        }

        string subject = DistinguishedNames.Describe(peer.SubjectDN);
        if (SmPeerCertificates.CheckIdentity(certificates, peer, peerId.IdType, peerId.Data, Diagnostics.Diagnostics.DescribeId(peerId)) is { } mismatch)
        {
            return mismatch;
        }

        if (!SignatureAuthData.TryRead(auth.Data.Span, out SignatureAuthData? data, out IkeMalformedReason? malformed))
        {
            return $"peer's Digital Signature AUTH data is malformed ({malformed}, RFC 7427 §3)";
        }

        if (!IsSm2WithSm3(data!.AlgorithmIdentifier))
        {
            return $"peer signs with another algorithm than SM2-with-SM3 ({SmIdentifiers.OidSm2WithSm3})";
        }

        if (!SmCertificateKeys.TryGetPublicKey(peer, out var key)
            || !Sm2Signature.Verify(key, signedOctets, data.Signature.Span, Sm2SignatureEncoding.Der))
        {
            return $"the SM2 signature of {subject} does not verify over this IKE SA's IKE_SA_INIT messages (RFC 7296 §2.15)";
        }

        return null;
    }

    /// <summary>SM2-with-SM3 with absent parameters (what we send) or NULL ones (which some ASN.1 writers add to every
    /// AlgorithmIdentifier); anything else, or bytes that are not exactly one DER AlgorithmIdentifier, is not.</summary>
    private static bool IsSm2WithSm3(ReadOnlyMemory<byte> algorithmIdentifier)
    {
        try
        {
            var reader = new AsnReader(algorithmIdentifier, AsnEncodingRules.DER);
            AsnReader sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            if (sequence.ReadObjectIdentifier() != SmIdentifiers.OidSm2WithSm3)
            {
                return false;
            }

            if (sequence.HasData)
            {
                sequence.ReadNull();
            }

            sequence.ThrowIfNotEmpty();
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static byte[] EncodeAlgorithmIdentifier()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SmIdentifiers.OidSm2WithSm3);
        }

        return writer.Encode();
    }
}
