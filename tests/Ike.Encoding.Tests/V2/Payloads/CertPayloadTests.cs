using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class CertPayloadTests
{
    [Fact]
    public void Reads_encoding_and_certificate_data()
    {
        // Cert Encoding 4 (X.509 Certificate - Signature) | DER octets (a stand-in SEQUENCE header here)
        CertPayload cert = CertPayload.Read(Hex.Parse("04 | 3082010a0282"));

        Assert.Equal(CertificateEncoding.X509Signature, cert.Encoding);
        Assert.Equal("3082010a0282", Hex.Format(cert.Data.Span));
        PayloadAssert.WritesAs(cert, "043082010a0282");
    }

    [Theory]
    [InlineData("", IkeMalformedReason.PayloadBodyTooShort, 0)]
    [InlineData("04", IkeMalformedReason.CertificateDataEmpty, 1)]
    public void Malformed_bodies_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => CertPayload.Read(b), hex, reason, offset);
}
