using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class AuthPayloadTests
{
    [Theory]
    [InlineData("02 000000 | 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", AuthMethod.SharedKeyMessageIntegrityCode)]
    [InlineData("01 000000 | 5a5a5a5a", AuthMethod.RsaDigitalSignature)]
    [InlineData("0e 000000 | 0f300d06092a864886f70d01010b0500", AuthMethod.DigitalSignature)]
    public void Reads_method_and_authentication_data(string hex, AuthMethod method)
    {
        AuthPayload auth = AuthPayload.Read(Hex.Parse(hex));

        Assert.Equal(method, auth.Method);
        Assert.Equal(Hex.Format(Hex.Parse(hex).AsSpan(4)), Hex.Format(auth.Data.Span));
        PayloadAssert.WritesAs(auth, hex);
    }

    [Theory]
    [InlineData("0200", IkeMalformedReason.PayloadBodyTooShort, 1)]
    [InlineData("02000000", IkeMalformedReason.AuthenticationDataEmpty, 4)]
    public void Malformed_bodies_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => AuthPayload.Read(b), hex, reason, offset);
}
