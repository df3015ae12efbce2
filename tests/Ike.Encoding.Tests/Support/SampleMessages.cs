using System.Net;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.Support;

/// <summary>Well-formed messages of every exchange, shaped as RFC 7296 §1.2–§1.5 draws them.</summary>
internal static class SampleMessages
{
    public const ulong SpiI = 0x0102030405060708;
    public const ulong SpiR = 0x1112131415161718;

    public static SaPayload IkeSa => new(
    [
        Proposal.ForIkeSaInit(1,
        [
            Transform.WithKeyLength(TransformType.Encryption, 12, 128),
            new Transform(TransformType.PseudorandomFunction, 5),
            new Transform(TransformType.Integrity, 12),
            new Transform(TransformType.DiffieHellmanGroup, 14),
        ]),
    ]);

    public static SaPayload EspSa => new(
    [
        Proposal.ForChildSa(1, IpsecProtocolId.Esp, 0xc0ffee01,
        [
            Transform.WithKeyLength(TransformType.Encryption, 12, 128),
            new Transform(TransformType.Integrity, 12),
            new Transform(TransformType.ExtendedSequenceNumbers, 0),
        ]),
    ]);

    public static KePayload Ke => new(14, Enumerable.Range(0, 256).Select(i => (byte)(i * 7)).ToArray());

    public static NoncePayload Nonce => new(Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray());

    public static TrafficSelectorPayload TsI => new(PayloadType.TrafficSelectorInitiator,
        [TrafficSelector.ForRange(IPAddress.Parse("10.1.0.0"), IPAddress.Parse("10.1.255.255"))]);

    public static TrafficSelectorPayload TsR => new(PayloadType.TrafficSelectorResponder,
        [TrafficSelector.ForRange(IPAddress.Parse("10.2.0.0"), IPAddress.Parse("10.2.255.255")),
         TrafficSelector.ForRange(IPAddress.Parse("fd00::"), IPAddress.Parse("fd00::ffff"))]);

    /// <summary>Every sample below, by method name, for table-driven tests.</summary>
    public static TheoryData<string> Names => new()
    {
        nameof(IkeSaInitRequest),
        nameof(IkeSaInitResponse),
        nameof(CookieResponse),
        nameof(IkeAuthRequest),
        nameof(IkeAuthResponse),
        nameof(IkeAuthFailed),
        nameof(CreateChildSaRekey),
        nameof(CreateChildSaIkeRekey),
        nameof(LivenessCheck),
        nameof(DeleteChildSas),
        nameof(DeleteIkeSa),
    };

    public static AuthPayload Auth => new(AuthMethod.SharedKeyMessageIntegrityCode, Enumerable.Repeat((byte)0x5A, 32).ToArray());

    public static IkeMessage IkeSaInitRequest() => new(
        SpiI, 0, ExchangeType.IkeSaInit, IkeHeaderFlags.Initiator, 0,
        [IkeSa, Ke, Nonce,
         NotifyPayload.Create(NotifyType.NatDetectionSourceIp, new byte[20]),
         NotifyPayload.Create(NotifyType.NatDetectionDestinationIp, new byte[20])]);

    public static IkeMessage IkeSaInitResponse() => new(
        SpiI, SpiR, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, 0,
        [IkeSa, Ke, Nonce, CertReqPayload.ForX509([new byte[20]]), new VendorIdPayload(new byte[] { 1, 2, 3 })]);

    public static IkeMessage CookieResponse() => new(
        SpiI, 0, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, 0,
        [NotifyPayload.Create(NotifyType.Cookie, new byte[] { 9, 8, 7, 6 })]);

    public static IkeMessage IkeAuthRequest() => new(
        SpiI, SpiR, ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1, [],
        [IdPayload.FromFqdn(PayloadType.IdentificationInitiator, "gw.cloud.example"),
         NotifyPayload.Create(NotifyType.InitialContact),
         IdPayload.FromAddress(PayloadType.IdentificationResponder, IPAddress.Parse("198.51.100.7")),
         Auth,
         new ConfigurationPayload(ConfigurationType.Request, [new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Address, ReadOnlyMemory<byte>.Empty)]),
         EspSa, TsI, TsR]);

    public static IkeMessage IkeAuthResponse() => new(
        SpiI, SpiR, ExchangeType.IkeAuth, IkeHeaderFlags.Response, 1, [],
        [IdPayload.FromAddress(PayloadType.IdentificationResponder, IPAddress.Parse("198.51.100.7")),
         new CertPayload(CertificateEncoding.X509Signature, new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }),
         Auth, EspSa, TsI, TsR]);

    public static IkeMessage IkeAuthFailed() => new(
        SpiI, SpiR, ExchangeType.IkeAuth, IkeHeaderFlags.Response, 1, [],
        [NotifyPayload.Create(NotifyType.AuthenticationFailed)]);

    public static IkeMessage CreateChildSaRekey() => new(
        SpiI, SpiR, ExchangeType.CreateChildSa, IkeHeaderFlags.None, 2, [],
        [NotifyPayload.ForChildSa(NotifyType.RekeySa, IpsecProtocolId.Esp, 0xc0ffee01), EspSa, Nonce, Ke, TsI, TsR]);

    public static IkeMessage CreateChildSaIkeRekey() => new(
        SpiI, SpiR, ExchangeType.CreateChildSa, IkeHeaderFlags.Response | IkeHeaderFlags.Initiator, 3, [],
        [new SaPayload([Proposal.ForIkeRekey(1, 0xabcdef0123456789, IkeSa.Proposals[0].Transforms)]), Nonce, Ke]);

    public static IkeMessage LivenessCheck() => new(
        SpiI, SpiR, ExchangeType.Informational, IkeHeaderFlags.Initiator, 4, [], []);

    public static IkeMessage DeleteChildSas() => new(
        SpiI, SpiR, ExchangeType.Informational, IkeHeaderFlags.None, 5, [],
        [DeletePayload.ForChildSas(IpsecProtocolId.Esp, 0xc0ffee01, 0xc0ffee02)]);

    public static IkeMessage DeleteIkeSa() => new(
        SpiI, SpiR, ExchangeType.Informational, IkeHeaderFlags.Response, 6, [],
        [DeletePayload.ForIkeSa(), new UnknownPayload((PayloadType)200, isCritical: false, new byte[] { 1, 2, 3 })]);

    public static IkeMessage ByName(string name) =>
        (IkeMessage)typeof(SampleMessages).GetMethod(name)!.Invoke(null, null)!;
}
