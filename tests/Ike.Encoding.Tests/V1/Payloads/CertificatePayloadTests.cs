using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

/// <summary>CERT (RFC 2408 §3.9) and CR (RFC 2408 §3.10).</summary>
public class CertificatePayloadTests
{
    [Fact]
    public void A_certificate_is_its_encoding_then_the_data() =>
        IsakmpPayloadAssert.RoundTrips(
            b => CertPayload.Read(b), "04 3003020101", new CertPayload(CertificateEncoding.X509Signature, new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }));

    [Fact]
    public void A_certificate_without_data_is_rejected() =>
        IsakmpPayloadAssert.Rejects(b => CertPayload.Read(b), "04", IkeMalformedReason.CertificateDataEmpty, 1);

    [Fact]
    public void A_certificate_request_names_a_ca_by_its_der_name() =>
        IsakmpPayloadAssert.RoundTrips(
            b => CertReqPayload.Read(b), "04 300d310b3009060355040613024e4c",
            new CertReqPayload(CertificateEncoding.X509Signature, Convert.FromHexString("300d310b3009060355040613024e4c")));

    [Fact]
    public void A_certificate_request_may_leave_the_authority_empty() =>
        IsakmpPayloadAssert.RoundTrips(b => CertReqPayload.Read(b), "04", new CertReqPayload(CertificateEncoding.X509Signature, ReadOnlyMemory<byte>.Empty));

    [Fact]
    public void An_empty_body_has_no_encoding()
    {
        IsakmpPayloadAssert.Rejects(b => CertPayload.Read(b), "", IkeMalformedReason.PayloadBodyTooShort, 0);
        IsakmpPayloadAssert.Rejects(b => CertReqPayload.Read(b), "", IkeMalformedReason.PayloadBodyTooShort, 0);
    }
}
