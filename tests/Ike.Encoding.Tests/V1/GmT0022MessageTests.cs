using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Encoding.Tests.V1.Support;

namespace Ike.Encoding.Tests.V1;

/// <summary>
/// GM/T 0022 main mode on the wire: ISAKMP version 1.1 in the header (0x11), the symmetric key payload kept opaque,
/// and the Nonce and Identification bodies of messages 3-4 carried as ciphertext (<see cref="EnvelopedPayload"/>).
/// </summary>
public class GmT0022MessageTests
{
    /// <summary>GM/T 0022's minor version (ISAKMP 1.1); the engine takes it from its SM identifier table.</summary>
    private const byte GmT0022Minor = 1;

    private const IsakmpPayloadType SymmetricKey = (IsakmpPayloadType)128;

    private static IsakmpMessage MessageThree(byte minor) => new(
        SampleIsakmpMessages.CookieI, SampleIsakmpMessages.CookieR, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0,
        [
            new UnknownPayload(SymmetricKey, Enumerable.Range(0, 120).Select(i => (byte)i).ToArray()),
            new EnvelopedPayload(IsakmpPayloadType.Nonce, Enumerable.Repeat((byte)0xA5, 64).ToArray()),
            // not an ID body at all: as ciphertext it must still decode
            new EnvelopedPayload(IsakmpPayloadType.Identification, Enumerable.Repeat((byte)0xFF, 48).ToArray()),
            new CertPayload(CertificateEncoding.X509Signature, new byte[] { 0x30, 0x00 }),
            new CertPayload((CertificateEncoding)5, new byte[] { 0x30, 0x01, 0x00 }),
            new SignaturePayload(new byte[] { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 }),
        ])
    { MinorVersion = minor };

    [Fact]
    public void Message_three_writes_version_0x11_and_reads_back_with_enveloped_nonce_and_identity()
    {
        byte[] datagram = IsakmpMessageCodec.Encode(MessageThree(GmT0022Minor));

        Assert.Equal(0x11, datagram[17]);
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, null, default, 3, GmT0022Minor);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(GmT0022Minor, result.Message.MinorVersion);
        Assert.Equal(MessageThree(GmT0022Minor), result.Message);
        Assert.Equal(2, result.Message.FindAll<EnvelopedPayload>().Count());
        Assert.Equal(SymmetricKey, Assert.Single(result.Message.FindAll<UnknownPayload>()).Type);
    }

    [Fact]
    public void Version_0x11_is_refused_unless_the_caller_runs_the_gmt0022_profile()
    {
        byte[] datagram = IsakmpMessageCodec.Encode(MessageThree(GmT0022Minor));

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, null, default, 3);

        Assert.Equal(IsakmpDecodeStatus.InvalidMinorVersion, result.Status);
    }

    [Fact]
    public void In_rfc2408_main_mode_the_same_payloads_break_the_rules()
    {
        // version 1.0: message 3 is KE, Ni; and the ciphertext in the ID payload is not an ID body
        byte[] datagram = IsakmpMessageCodec.Encode(MessageThree(IsakmpHeader.CurrentMinorVersion));

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(datagram, null, default, 3, GmT0022Minor);

        Assert.False(result.IsOk);
    }

    [Fact]
    public void Message_two_must_carry_both_certificates()
    {
        var message = new IsakmpMessage(SampleIsakmpMessages.CookieI, SampleIsakmpMessages.CookieR, IsakmpExchangeType.IdentityProtection,
            IsakmpHeaderFlags.None, 0, [SampleIsakmpMessages.IsakmpSa, new CertPayload(CertificateEncoding.X509Signature, new byte[] { 0x30, 0x00 })])
        { MinorVersion = GmT0022Minor };

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(IsakmpMessageCodec.Encode(message), null, default, 2, GmT0022Minor);

        Assert.Equal(IsakmpDecodeStatus.RuleViolation, result.Status);
        Assert.Equal(new IsakmpRuleViolation(IsakmpRuleViolationKind.MissingPayload, IsakmpPayloadType.Certificate), result.RuleViolation);
    }

    [Fact]
    public void An_enveloped_payload_is_never_empty_and_only_nonce_or_identity()
    {
        var exception = Assert.Throws<IkeMalformedException>(() => EnvelopedPayload.Read(IsakmpPayloadType.Nonce, []));
        Assert.Equal(IkeMalformedReason.EnvelopedBodyEmpty, exception.Reason);
        Assert.Throws<ArgumentException>(() => new EnvelopedPayload(IsakmpPayloadType.Hash, new byte[16]));
    }
}
