using System.Net;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Fuzz;

/// <summary>Well-formed datagrams of every exchange that mutations start from (SK encoded with the pass-through protection).</summary>
public static class SeedCorpus
{
    public static IReadOnlyList<byte[]> Build()
    {
        var protection = new PassThroughProtection();
        var esp = new SaPayload(
        [
            Proposal.ForChildSa(1, IpsecProtocolId.Esp, 0xc0ffee01,
                [Transform.WithKeyLength(TransformType.Encryption, 12, 128), new Transform(TransformType.Integrity, 12), new Transform(TransformType.ExtendedSequenceNumbers, 0)]),
            Proposal.ForChildSa(2, IpsecProtocolId.Esp, 0xc0ffee01,
                [new Transform(TransformType.Encryption, 3), new Transform(TransformType.Integrity, 2)]),
        ]);
        var ike = new SaPayload(
        [
            Proposal.ForIkeSaInit(1,
                [Transform.WithKeyLength(TransformType.Encryption, 12, 256), new Transform(TransformType.Integrity, 12),
                 new Transform(TransformType.PseudorandomFunction, 5), new Transform(TransformType.DiffieHellmanGroup, 14)]),
        ]);
        var ke = new KePayload(14, new byte[256]);
        var nonce = new NoncePayload(new byte[32]);
        var tsi = new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator,
            [TrafficSelector.ForRange(IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.0.255.255")),
             TrafficSelector.ForRange(IPAddress.Parse("fd00::"), IPAddress.Parse("fd00::ff"), 6, 443, 443)]);
        var tsr = new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder,
            [TrafficSelector.ForRange(IPAddress.Parse("192.168.0.0"), IPAddress.Parse("192.168.0.255"))]);

        IkeMessage[] messages =
        [
            new(1, 0, ExchangeType.IkeSaInit, IkeHeaderFlags.Initiator, 0,
                [ike, ke, nonce, NotifyPayload.Create(NotifyType.NatDetectionSourceIp, new byte[20]),
                 NotifyPayload.Create(NotifyType.SignatureHashAlgorithms, new byte[] { 0, 2, 0, 3 }), new VendorIdPayload(new byte[16])]),
            new(1, 2, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, 0,
                [ike, ke, nonce, CertReqPayload.ForX509([new byte[20]])]),
            new(1, 2, ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1, [],
                [IdPayload.FromFqdn(PayloadType.IdentificationInitiator, "a.example"), new CertPayload(CertificateEncoding.X509Signature, new byte[40]),
                 IdPayload.FromAddress(PayloadType.IdentificationResponder, IPAddress.Parse("2001:db8::1")),
                 new AuthPayload(AuthMethod.SharedKeyMessageIntegrityCode, new byte[32]),
                 new ConfigurationPayload(ConfigurationType.Request, [new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Address, ReadOnlyMemory<byte>.Empty)]),
                 esp, tsi, tsr]),
            new(1, 2, ExchangeType.CreateChildSa, IkeHeaderFlags.None, 2, [],
                [NotifyPayload.ForChildSa(NotifyType.RekeySa, IpsecProtocolId.Esp, 7), esp, nonce, ke, tsi, tsr]),
            new(1, 2, ExchangeType.Informational, IkeHeaderFlags.Response, 3, [],
                [DeletePayload.ForChildSas(IpsecProtocolId.Esp, 1, 2, 3), DeletePayload.ForIkeSa(), NotifyPayload.Create(NotifyType.InvalidSyntax)]),
            new(1, 2, ExchangeType.Informational, IkeHeaderFlags.Initiator, 4, [], []),
        ];

        return messages.Select(message => IkeMessageCodec.Encode(message, protection)).ToArray();
    }
}
