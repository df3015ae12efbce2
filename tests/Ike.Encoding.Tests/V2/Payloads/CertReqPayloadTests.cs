using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class CertReqPayloadTests
{
    private const string FirstCaHash = "0102030405060708090a0b0c0d0e0f1011121314";
    private const string SecondCaHash = "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4";

    [Fact]
    public void An_x509_request_lists_20_octet_ca_key_hashes()
    {
        CertReqPayload request = CertReqPayload.Read(Hex.Parse("04 | " + FirstCaHash + SecondCaHash));

        Assert.Equal(CertificateEncoding.X509Signature, request.Encoding);
        Assert.Equal(
            [FirstCaHash, SecondCaHash],
            request.GetCaKeyHashes().Select(hash => Hex.Format(hash.Span)).ToArray());
        PayloadAssert.WritesAs(request, "04" + FirstCaHash + SecondCaHash);
        Assert.Equal(request, CertReqPayload.ForX509([Hex.Parse(FirstCaHash), Hex.Parse(SecondCaHash)]));
    }

    [Fact]
    public void An_x509_request_may_name_no_ca()
    {
        CertReqPayload request = CertReqPayload.Read(Hex.Parse("04"));

        Assert.Empty(request.GetCaKeyHashes());
    }

    [Theory]
    [InlineData("", IkeMalformedReason.PayloadBodyTooShort, 0)]
    [InlineData("04 0102030405060708090a0b0c0d0e0f10111213", IkeMalformedReason.CertificateRequestLengthInvalid, 1)] // 19 octets
    public void Malformed_bodies_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => CertReqPayload.Read(b), hex, reason, offset);
}
