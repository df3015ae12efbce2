using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

/// <summary>RFC 7427 §3 authentication data: ASN.1 Length | AlgorithmIdentifier | Signature Value.</summary>
public class SignatureAuthDataTests
{
    [Theory]
    // RFC 7427 Appendix A.3.1: ecdsa-with-sha256, "0c 300a06082a8648ce3d040302", then a (shortened) signature
    [InlineData("0c | 300a06082a8648ce3d040302 | 3006020101020102", "300a06082a8648ce3d040302", "3006020101020102")]
    // SM2-with-SM3 (1.2.156.10197.1.501, GM/T 0006) without parameters, as sm gateways send it
    [InlineData("0c | 300a06082a811ccf55018375 | 5a", "300a06082a811ccf55018375", "5a")]
    public void Splits_algorithm_identifier_and_signature_and_writes_them_back(string hex, string algorithm, string signature)
    {
        SignatureAuthData data = SignatureAuthData.Read(Hex.Parse(hex));

        Assert.Equal(algorithm, Hex.Format(data.AlgorithmIdentifier.Span));
        Assert.Equal(signature, Hex.Format(data.Signature.Span));
        Assert.Equal(Hex.Format(Hex.Parse(hex)), Hex.Format(data.Encode()));
    }

    [Theory]
    [InlineData("empty", "", IkeMalformedReason.SignatureAlgorithmIdentifierInvalid, 0)]
    [InlineData("zero length", "00 | 5a5a", IkeMalformedReason.SignatureAlgorithmIdentifierInvalid, 0)]
    [InlineData("length past the end", "0c | 300a06082a", IkeMalformedReason.SignatureAlgorithmIdentifierInvalid, 1)]
    [InlineData("not a SEQUENCE", "02 | 0500 | 5a", IkeMalformedReason.SignatureAlgorithmIdentifierInvalid, 1)]
    [InlineData("no signature", "02 | 3000", IkeMalformedReason.SignatureValueEmpty, 3)]
    public void Malformed_data_is_rejected_with_its_reason(string why, string hex, IkeMalformedReason reason, int offset)
    {
        var exception = Assert.Throws<IkeMalformedException>(() => SignatureAuthData.Read(Hex.Parse(hex)));

        Assert.Equal((reason, offset), (exception.Reason, exception.Offset));
        Assert.False(SignatureAuthData.TryRead(Hex.Parse(hex), out SignatureAuthData? data, out IkeMalformedReason? failure), why);
        Assert.Null(data);
        Assert.Equal(reason, failure);
    }

    [Fact]
    public void Encoding_our_own_bad_values_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => new SignatureAuthData(Hex.Parse("0500"), Hex.Parse("5a")).Encode());
        Assert.Throws<ArgumentException>(() => new SignatureAuthData(new byte[256].Select(_ => (byte)0x30).ToArray(), Hex.Parse("5a")).Encode());
        Assert.Throws<ArgumentException>(() => new SignatureAuthData(Hex.Parse("3000"), ReadOnlyMemory<byte>.Empty).Encode());
    }
}
