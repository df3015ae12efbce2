using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Config;
using Ike.Engine.Sa.V2.Auth;
using Ipsec.Crypto.Randomness;
using Microsoft.Extensions.Time.Testing;

namespace Ike.Engine.Tests.Sm;

/// <summary>
/// IKE_AUTH's SM2 certificate authentication one rule at a time (RFC 7427 §3 AUTH data, RFC 7296 §3.6 CERT, RFC 4945
/// §3.1.5 ID): "a" signs, "b" verifies as the connection with the customer's PKI would. Each refusal names its rule.
/// </summary>
public sealed class Sm2CertificateAuthenticatorTests
{
    static readonly byte[] SignedOctets = [.. "RealMessage1 | NonceRData | MACedIDForI"u8];

    readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    readonly SmPki _pki;
    readonly LoadedCertificates _a;
    readonly LoadedCertificates _b;
    readonly IdPayload _idA;

    public Sm2CertificateAuthenticatorTests()
    {
        _pki = SmPki.Create(_time);
        _a = LoadedConnection.Load(_pki.ConfigA()).Certificates!;
        _b = LoadedConnection.Load(_pki.ConfigB()).Certificates!;
        _idA = IdPayload.FromDistinguishedName(PayloadType.IdentificationInitiator, _a.LocalName.GetDerEncoded());
    }

    CertPayload[] CertOfA => [Sm2CertificateAuthenticator.OwnCertificate(_a)];

    AuthPayload SignedByA => Sm2CertificateAuthenticator.Sign(_a, SignedOctets, SystemRandomSource.Instance);

    [Fact]
    public void ASignatureOfTheCertifiedPeer_Verifies()
    {
        AuthPayload auth = SignedByA;

        Assert.Equal(AuthMethod.DigitalSignature, auth.Method);
        Assert.Equal(Sm2CertificateAuthenticator.Sm2WithSm3AlgorithmIdentifier.ToArray(), SignatureAuthData.Read(auth.Data.Span).AlgorithmIdentifier.ToArray());
        Assert.Null(Sm2CertificateAuthenticator.Verify(_b, _idA, CertOfA, auth, SignedOctets, _time));
    }

    [Fact]
    public void CertReq_NamesThePeerCaByTheSha1OfItsPublicKeyInfo()
    {
        CertReqPayload request = Sm2CertificateAuthenticator.PeerCaRequest(_b);

        ReadOnlyMemory<byte> hash = Assert.Single(request.GetCaKeyHashes());
        Assert.Equal(
            System.Security.Cryptography.SHA1.HashData(_pki.Cloud.Certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded()),
            hash.ToArray());
    }

    [Fact]
    public void OtherSignedOctets_DoNotVerify()
    {
        string? problem = Sm2CertificateAuthenticator.Verify(_b, _idA, CertOfA, SignedByA, [.. SignedOctets, 0], _time);

        Assert.Equal($"the SM2 signature of {SmPki.SubjectOf(_pki.GatewayA)} does not verify over this IKE SA's IKE_SA_INIT messages (RFC 7296 §2.15)", problem);
    }

    [Fact]
    public void APskAuth_IsRefused()
    {
        var psk = new AuthPayload(AuthMethod.SharedKeyMessageIntegrityCode, new byte[32]);

        Assert.StartsWith("peer authenticates with AUTH method 2, this connection requires SM2 certificates",
            Sm2CertificateAuthenticator.Verify(_b, _idA, CertOfA, psk, SignedOctets, _time));
    }

    [Fact]
    public void NoCertificate_IsRefused() =>
        Assert.Equal("peer sent no certificate (CERT payload); it must send its SM2 signing certificate",
            Sm2CertificateAuthenticator.Verify(_b, _idA, [], SignedByA, SignedOctets, _time));

    [Fact]
    public void AnotherSignatureAlgorithm_IsRefused()
    {
        byte[] signature = SignatureAuthData.Read(SignedByA.Data.Span).Signature.ToArray();
        // RFC 7427 Appendix A.3.1: ecdsa-with-sha256
        var ecdsa = new AuthPayload(AuthMethod.DigitalSignature,
            new SignatureAuthData(Convert.FromHexString("300a06082a8648ce3d040302"), signature).Encode());

        Assert.StartsWith("peer signs with another algorithm than SM2-with-SM3",
            Sm2CertificateAuthenticator.Verify(_b, _idA, CertOfA, ecdsa, SignedOctets, _time));
    }

    [Fact]
    public void MalformedSignatureData_IsRefusedWithItsReason() =>
        Assert.Equal($"peer's Digital Signature AUTH data is malformed ({IkeMalformedReason.SignatureAlgorithmIdentifierInvalid}, RFC 7427 §3)",
            Sm2CertificateAuthenticator.Verify(_b, _idA, CertOfA, new AuthPayload(AuthMethod.DigitalSignature, new byte[] { 0x40, 0x30 }), SignedOctets, _time));

    [Fact]
    public void AnIdThatIsNotTheCertificateSubject_IsRefused()
    {
        IdPayload fqdn = IdPayload.FromFqdn(PayloadType.IdentificationInitiator, "vgw-a.example");

        Assert.Equal($"peer ID fqdn:vgw-a.example is not the subject {SmPki.SubjectOf(_pki.GatewayA)} of its certificate (RFC 4945 §3.1.5)",
            Sm2CertificateAuthenticator.Verify(_b, fqdn, CertOfA, SignedByA, SignedOctets, _time));
    }
}
