using System.Net;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Support;

/// <summary>Well-formed messages of every IKEv1 exchange, shaped as RFC 2409 §5–§6 and RFC 3947 draw them, with their message numbers.</summary>
internal static class SampleIsakmpMessages
{
    public const ulong CookieI = 0x0102030405060708;
    public const ulong CookieR = 0x1112131415161718;
    public const uint QuickModeId = 0x3c0ffee5;
    public const uint InformationalId = 0x7e57da7a;

    /// <summary>aes128-sha256-modp2048 with PSK and a lifetime of 86400 s (a TLV duration: it does not fit two octets).</summary>
    public static SaPayload IsakmpSa => new(
    [
        ProposalPayload.ForIsakmp(1,
        [
            new TransformPayload(1, TransformIds.KeyIke,
            [
                DataAttribute.Basic(Phase1AttributeType.EncryptionAlgorithm, (ushort)Phase1EncryptionAlgorithm.AesCbc),
                DataAttribute.Basic(Phase1AttributeType.KeyLength, 128),
                DataAttribute.Basic(Phase1AttributeType.HashAlgorithm, (ushort)Phase1HashAlgorithm.Sha2_256),
                DataAttribute.Basic(Phase1AttributeType.GroupDescription, (ushort)GroupDescription.Modp2048),
                DataAttribute.Basic(Phase1AttributeType.AuthenticationMethod, (ushort)Phase1AuthenticationMethod.PreSharedKey),
                DataAttribute.Basic(Phase1AttributeType.LifeType, (ushort)LifeType.Seconds),
                DataAttribute.Integer((ushort)Phase1AttributeType.LifeDuration, 86400),
            ]),
        ]),
    ]);

    /// <summary>ESP aes128/HMAC-SHA1 tunnel mode with PFS (group 14), UDP-encapsulated per RFC 3947.</summary>
    public static SaPayload EspSa => new(
    [
        ProposalPayload.ForIpsec(1, IpsecProtocolId.Esp, 0xc0ffee01,
        [
            new TransformPayload(1, (byte)EspTransformId.Aes,
            [
                DataAttribute.Basic(IpsecAttributeType.KeyLength, 128),
                DataAttribute.Basic(IpsecAttributeType.AuthenticationAlgorithm, (ushort)IpsecAuthenticationAlgorithm.HmacSha1),
                DataAttribute.Basic(IpsecAttributeType.GroupDescription, (ushort)GroupDescription.Modp2048),
                DataAttribute.Basic(IpsecAttributeType.EncapsulationMode, (ushort)EncapsulationMode.UdpEncapsulatedTunnel),
                DataAttribute.Basic(IpsecAttributeType.SaLifeType, (ushort)LifeType.Seconds),
                DataAttribute.Integer((ushort)IpsecAttributeType.SaLifeDuration, 3600),
            ]),
        ]),
    ]);

    public static KePayload Ke => new(Enumerable.Range(0, 256).Select(i => (byte)(i * 7)).ToArray());

    public static NoncePayload Nonce => new(Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray());

    public static HashPayload Hash => new(Enumerable.Repeat((byte)0x5A, 32).ToArray());

    public static NatDiscoveryPayload NatD(byte seed) => new(Enumerable.Repeat(seed, 32).ToArray());

    public static IdPayload LocalId => IdPayload.ForAddress(IPAddress.Parse("198.51.100.1"));

    public static IdPayload RemoteId => IdPayload.ForFqdn("cgw.customer.example");

    public static IdPayload LocalSubnet => IdPayload.ForSubnet(IPAddress.Parse("10.1.0.0"), 16);

    public static IdPayload RemoteSubnet => IdPayload.ForSubnet(IPAddress.Parse("10.2.0.0"), 16);

    /// <summary>Every sample below with the message number it has in its exchange, for table-driven tests.</summary>
    public static TheoryData<string, int> Names => new()
    {
        { nameof(MainMode1), 1 },
        { nameof(MainMode2), 2 },
        { nameof(MainMode3), 3 },
        { nameof(MainMode4), 4 },
        { nameof(MainMode5), 5 },
        { nameof(MainMode6), 6 },
        { nameof(Aggressive1), 1 },
        { nameof(Aggressive2), 2 },
        { nameof(Aggressive3), 3 },
        { nameof(Aggressive3Encrypted), 3 },
        { nameof(QuickMode1), 1 },
        { nameof(QuickMode2), 2 },
        { nameof(QuickMode3), 3 },
        { nameof(DeleteIpsecSa), 1 },
        { nameof(DpdRUThere), 1 },
        { nameof(NoProposalChosenInClear), 1 },
        { nameof(NewGroup1), 1 },
    };

    private static VendorIdPayload[] Vids =>
        [KnownVendorIds.DeadPeerDetection.ToPayload(), KnownVendorIds.NatTraversalRfc3947.ToPayload()];

    public static IsakmpMessage MainMode1() => new(
        CookieI, 0, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0, [IsakmpSa, .. Vids]);

    public static IsakmpMessage MainMode2() => new(
        CookieI, CookieR, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0, [IsakmpSa, .. Vids]);

    public static IsakmpMessage MainMode3() => new(
        CookieI, CookieR, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0, [Ke, Nonce, NatD(1), NatD(2)]);

    public static IsakmpMessage MainMode4() => new(
        CookieI, CookieR, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0,
        [Ke, Nonce, new NatDiscoveryPayload(IsakmpPayloadType.NatDiscoveryDraft, new byte[32]), NatD(3)]);

    public static IsakmpMessage MainMode5() => new(
        CookieI, CookieR, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.Encryption, 0,
        [LocalId, Hash, NotificationPayload.InitialContact(CookieI, CookieR)]);

    public static IsakmpMessage MainMode6() => new(
        CookieI, CookieR, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.Encryption, 0, [RemoteId, Hash]);

    public static IsakmpMessage Aggressive1() => new(
        CookieI, 0, IsakmpExchangeType.Aggressive, IsakmpHeaderFlags.None, 0, [IsakmpSa, Ke, Nonce, LocalId, .. Vids]);

    public static IsakmpMessage Aggressive2() => new(
        CookieI, CookieR, IsakmpExchangeType.Aggressive, IsakmpHeaderFlags.None, 0,
        [IsakmpSa, Ke, Nonce, RemoteId, NatD(4), NatD(5), Hash, .. Vids]);

    public static IsakmpMessage Aggressive3() => new(
        CookieI, CookieR, IsakmpExchangeType.Aggressive, IsakmpHeaderFlags.None, 0,
        [NatD(6), NatD(7), Hash, NotificationPayload.InitialContact(CookieI, CookieR)]);

    public static IsakmpMessage Aggressive3Encrypted() => Aggressive3() with { Flags = IsakmpHeaderFlags.Encryption };

    public static IsakmpMessage QuickMode1() => new(
        CookieI, CookieR, IsakmpExchangeType.QuickMode, IsakmpHeaderFlags.Encryption, QuickModeId,
        [Hash, EspSa, Nonce, Ke, LocalSubnet, RemoteSubnet, new NatOriginalAddressPayload(IPAddress.Parse("192.168.1.10"))]);

    public static IsakmpMessage QuickMode2() => new(
        CookieI, CookieR, IsakmpExchangeType.QuickMode, IsakmpHeaderFlags.Encryption, QuickModeId,
        [Hash, EspSa, Nonce, Ke, LocalSubnet, RemoteSubnet,
         NotificationPayload.ForIpsecSa(IsakmpNotifyType.ResponderLifetime, IpsecProtocolId.Esp, 0xc0ffee02,
             new byte[] { 0x80, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x04, 0x00, 0x00, 0x70, 0x80 })]);

    public static IsakmpMessage QuickMode3() => new(
        CookieI, CookieR, IsakmpExchangeType.QuickMode, IsakmpHeaderFlags.Encryption, QuickModeId, [Hash]);

    public static IsakmpMessage DeleteIpsecSa() => new(
        CookieI, CookieR, IsakmpExchangeType.Informational, IsakmpHeaderFlags.Encryption, InformationalId,
        [Hash, DeletePayload.ForIpsecSas(IpsecProtocolId.Esp, 0xc0ffee01), DeletePayload.ForIsakmpSa(CookieI, CookieR)]);

    public static IsakmpMessage DpdRUThere() => new(
        CookieI, CookieR, IsakmpExchangeType.Informational, IsakmpHeaderFlags.Encryption, InformationalId + 1,
        [Hash, NotificationPayload.RUThere(CookieI, CookieR, 0x2a)]);

    public static IsakmpMessage NoProposalChosenInClear() => new(
        CookieI, CookieR, IsakmpExchangeType.Informational, IsakmpHeaderFlags.None, 0,
        [NotificationPayload.Create(IsakmpNotifyType.NoProposalChosen)]);

    public static IsakmpMessage NewGroup1() => new(
        CookieI, CookieR, IsakmpExchangeType.NewGroupMode, IsakmpHeaderFlags.Encryption, 0x0badcafe,
        [Hash, new SaPayload([ProposalPayload.ForIsakmp(1, [new TransformPayload(1, TransformIds.KeyIke,
            [DataAttribute.Basic(Phase1AttributeType.GroupDescription, (ushort)GroupDescription.Modp3072)])])])]);

    public static IsakmpMessage ByName(string name) =>
        (IsakmpMessage)typeof(SampleIsakmpMessages).GetMethod(name)!.Invoke(null, null)!;
}
