using System.Net;
using Ike.Encoding.Tests.V1;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Fuzz;

/// <summary>
/// Well-formed IKEv1 datagrams of every exchange that mutations start from (encrypted ones with the pass-through
/// protection), plus strongSwan 5.9.8's main mode messages 1 and 3 as captured for the codec tests (the vector file is
/// linked into this project).
/// </summary>
public static class IsakmpSeedCorpus
{
    public static IReadOnlyList<byte[]> Build()
    {
        var protection = new IsakmpPassThroughProtection();
        const ulong I = 0x0102030405060708;
        const ulong R = 0x1112131415161718;
        var isakmpSa = new SaPayload(
        [
            ProposalPayload.ForIsakmp(1,
            [
                new TransformPayload(1, TransformIds.KeyIke,
                [
                    DataAttribute.Basic(Phase1AttributeType.EncryptionAlgorithm, 7), DataAttribute.Basic(Phase1AttributeType.KeyLength, 256),
                    DataAttribute.Basic(Phase1AttributeType.HashAlgorithm, 2), DataAttribute.Basic(Phase1AttributeType.GroupDescription, 14),
                    DataAttribute.Basic(Phase1AttributeType.AuthenticationMethod, 1), DataAttribute.Basic(Phase1AttributeType.LifeType, 1),
                    DataAttribute.Integer((ushort)Phase1AttributeType.LifeDuration, 86400),
                ]),
                new TransformPayload(2, TransformIds.KeyIke, [DataAttribute.Basic(Phase1AttributeType.EncryptionAlgorithm, 5)]),
            ]),
        ]);
        var espSa = new SaPayload(
        [
            ProposalPayload.ForIpsec(1, IpsecProtocolId.Esp, 0xc0ffee01,
                [new TransformPayload(1, 12, [DataAttribute.Basic(IpsecAttributeType.KeyLength, 128), DataAttribute.Basic(IpsecAttributeType.EncapsulationMode, 61443)])]),
            ProposalPayload.ForIpsec(2, IpsecProtocolId.Esp, 0xc0ffee01, [new TransformPayload(1, 3, [DataAttribute.Basic(IpsecAttributeType.AuthenticationAlgorithm, 2)])]),
        ]);
        var ke = new KePayload(new byte[128]);
        var nonce = new NoncePayload(new byte[16]);
        var hash = new HashPayload(new byte[20]);

        IsakmpMessage[] messages =
        [
            new(I, 0, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0,
                [isakmpSa, KnownVendorIds.DeadPeerDetection.ToPayload(), KnownVendorIds.NatTraversalRfc3947.ToPayload()]),
            new(I, R, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0,
                [ke, nonce, new NatDiscoveryPayload(new byte[20]), new NatDiscoveryPayload(IsakmpPayloadType.NatDiscoveryDraft, new byte[20]),
                 new CertReqPayload(CertificateEncoding.X509Signature, ReadOnlyMemory<byte>.Empty)]),
            new(I, R, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.Encryption, 0,
                [IdPayload.ForAddress(IPAddress.Parse("192.0.2.1"), 17, 500), new CertPayload(CertificateEncoding.X509Signature, new byte[32]),
                 new SignaturePayload(new byte[64]), NotificationPayload.InitialContact(I, R)]),
            new(I, 0, IsakmpExchangeType.Aggressive, IsakmpHeaderFlags.None, 0, [isakmpSa, ke, nonce, IdPayload.ForFqdn("a.example")]),
            new(I, R, IsakmpExchangeType.QuickMode, IsakmpHeaderFlags.Encryption, 0x11223344,
                [hash, espSa, nonce, ke, IdPayload.ForSubnet(IPAddress.Parse("10.0.0.0"), 8), IdPayload.ForRange(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::ff"), 6, 443),
                 new NatOriginalAddressPayload(IsakmpPayloadType.NatOriginalAddressDraft, IPAddress.Parse("2001:db8::7")),
                 NotificationPayload.ForIpsecSa(IsakmpNotifyType.ResponderLifetime, IpsecProtocolId.Esp, 7, new byte[] { 0x80, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x04, 0, 0, 0x0e, 0x10 })]),
            new(I, R, IsakmpExchangeType.Informational, IsakmpHeaderFlags.Encryption, 0x55667788,
                [hash, NotificationPayload.RUThere(I, R, 9), DeletePayload.ForIpsecSas(IpsecProtocolId.Esp, 1, 2), DeletePayload.ForIsakmpSa(I, R)]),
            new(I, R, IsakmpExchangeType.Informational, IsakmpHeaderFlags.None, 0,
                [NotificationPayload.Create(IsakmpNotifyType.NoProposalChosen), new UnknownPayload((IsakmpPayloadType)132, new byte[] { 1, 2 })]),
        ];

        var seeds = messages
            .Select(message => message.IsEncrypted ? IsakmpMessageCodec.Encode(message, protection, new byte[16]) : IsakmpMessageCodec.Encode(message))
            .ToList();
        seeds.Add(Convert.FromHexString(StrongSwanIkev1Vectors.MainMode1));
        seeds.Add(Convert.FromHexString(StrongSwanIkev1Vectors.MainMode3));
        return seeds;
    }
}
