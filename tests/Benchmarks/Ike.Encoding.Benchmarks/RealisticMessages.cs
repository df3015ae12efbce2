using System.Net;
using System.Security.Cryptography;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Benchmarks;

/// <summary>
/// The two requests every IKEv2 handshake starts with, shaped like what strongSwan 5.9 and our engine send for a PSK
/// tunnel with aes128-sha256-modp2048 (payload contents random, sizes real).
/// </summary>
internal static class RealisticMessages
{
    private const ushort EncrAesCbc = 12;
    private const ushort PrfHmacSha256 = 5;
    private const ushort AuthHmacSha256128 = 12;
    private const ushort Modp2048 = 14;

    /// <summary>HDR, SAi1 (2 proposals), KEi (256 octets), Ni (32), N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP),
    /// N(IKEV2_FRAGMENTATION_SUPPORTED), N(SIGNATURE_HASH_ALGORITHMS) — 500 octets on the wire.</summary>
    public static IkeMessage IkeSaInitRequest() => new(0x1122334455667788, 0, ExchangeType.IkeSaInit, IkeHeaderFlags.Initiator, 0,
    [
        new SaPayload(
        [
            Proposal.ForIkeSaInit(1,
            [
                Transform.WithKeyLength(TransformType.Encryption, EncrAesCbc, 128),
                new Transform(TransformType.PseudorandomFunction, PrfHmacSha256),
                new Transform(TransformType.Integrity, AuthHmacSha256128),
                new Transform(TransformType.DiffieHellmanGroup, Modp2048),
            ]),
            Proposal.ForIkeSaInit(2,
            [
                Transform.WithKeyLength(TransformType.Encryption, EncrAesCbc, 256),
                new Transform(TransformType.PseudorandomFunction, 7),
                new Transform(TransformType.Integrity, 14),
                new Transform(TransformType.DiffieHellmanGroup, Modp2048),
            ]),
        ]),
        new KePayload(Modp2048, RandomNumberGenerator.GetBytes(256)),
        new NoncePayload(RandomNumberGenerator.GetBytes(32)),
        NotifyPayload.Create(NotifyType.NatDetectionSourceIp, RandomNumberGenerator.GetBytes(20)),
        NotifyPayload.Create(NotifyType.NatDetectionDestinationIp, RandomNumberGenerator.GetBytes(20)),
        NotifyPayload.Create(NotifyType.Ikev2FragmentationSupported),
        NotifyPayload.Create(NotifyType.SignatureHashAlgorithms, new byte[] { 0, 2, 0, 3, 0, 4, 0, 5 }),
    ]);

    /// <summary>HDR, SK {IDi (fqdn), N(INITIAL_CONTACT), IDr (fqdn), AUTH (PSK, 32), SAi2 (ESP, 3 transforms), TSi, TSr (2)} —
    /// 288 octets on the wire with aes128-cbc + hmac-sha256-128.</summary>
    public static IkeMessage IkeAuthRequest() => new(0x1122334455667788, 0x99aabbccddeeff00, ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1, [],
    [
        IdPayload.FromFqdn(PayloadType.IdentificationInitiator, "cgw-01.idc.example.com"),
        NotifyPayload.Create(NotifyType.InitialContact),
        IdPayload.FromFqdn(PayloadType.IdentificationResponder, "vpngw-7f3a.cloud.example.net"),
        new AuthPayload(AuthMethod.SharedKeyMessageIntegrityCode, RandomNumberGenerator.GetBytes(32)),
        new SaPayload(
        [
            Proposal.ForChildSa(1, IpsecProtocolId.Esp, 0xc1a2b3d4,
            [
                Transform.WithKeyLength(TransformType.Encryption, EncrAesCbc, 128),
                new Transform(TransformType.Integrity, AuthHmacSha256128),
                new Transform(TransformType.ExtendedSequenceNumbers, 0),
            ]),
        ]),
        new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator,
            [TrafficSelector.ForRange(IPAddress.Parse("192.168.10.0"), IPAddress.Parse("192.168.10.255"))]),
        new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder,
            [TrafficSelector.ForRange(IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.0.255.255")),
             TrafficSelector.ForRange(IPAddress.Parse("172.16.0.0"), IPAddress.Parse("172.16.255.255"))]),
    ]);
}
