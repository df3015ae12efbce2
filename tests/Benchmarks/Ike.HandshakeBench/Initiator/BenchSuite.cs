using System.Net;
using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Kdf;

namespace Ike.HandshakeBench.Initiator;

/// <summary>
/// The one suite the benchmark negotiates, as issue 3 fixes it: IKE aes128-sha256-modp2048 (ENCR_AES_CBC 128,
/// PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, group 14) and ESP aes128-sha256 without ESN and without PFS. Exactly one
/// proposal is offered, so a responder that accepts at all accepts this one.
/// </summary>
internal static class BenchSuite
{
    public static EncryptionAlgorithm Encryption => AlgorithmCatalog.Aes128;

    public static AuthAlgorithm Auth => AlgorithmCatalog.Sha256;

    public static DhGroup Group => AlgorithmCatalog.Modp2048;

    public static IkeSaSuite IkeSuite { get; } = IkeSaSuite.FromConfiguration(AlgorithmCatalog.Aes128, AlgorithmCatalog.Sha256);

    /// <summary>SAi1 of IKE_SA_INIT (RFC 7296 §3.3: IKE proposals carry no SPI in the initial exchange).</summary>
    public static SaPayload IkeProposal { get; } = new(
    [
        Proposal.ForIkeSaInit(1,
        [
            Transform.WithKeyLength(TransformType.Encryption, Encryption.Ikev2TransformId, (ushort)Encryption.Ikev2KeyLengthBits!.Value),
            new Transform(TransformType.PseudorandomFunction, Auth.Ikev2PrfId),
            new Transform(TransformType.Integrity, Auth.Ikev2IntegrityId),
            new Transform(TransformType.DiffieHellmanGroup, Group.Id),
        ]),
    ]);

    /// <summary>SAi2 of IKE_AUTH: one ESP proposal; ESN "no" (RFC 7296 §3.3.2, transform type 5 id 0).</summary>
    public static SaPayload EspProposal(uint inboundSpi) => new(
    [
        Proposal.ForChildSa(1, IpsecProtocolId.Esp, inboundSpi,
        [
            Transform.WithKeyLength(TransformType.Encryption, Encryption.Ikev2TransformId, (ushort)Encryption.Ikev2KeyLengthBits!.Value),
            new Transform(TransformType.Integrity, Auth.Ikev2IntegrityId),
            new Transform(TransformType.ExtendedSequenceNumbers, 0),
        ]),
    ]);

    /// <summary>A whole IPv4 subnet as one TS_IPV4_ADDR_RANGE selector, all protocols and ports (§3.13.1).</summary>
    public static TrafficSelector SubnetSelector(string cidr)
    {
        string[] parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out IPAddress? network) || !int.TryParse(parts[1], out int prefix) || prefix is < 0 or > 32)
        {
            throw new ArgumentException($"'{cidr}' is not an IPv4 CIDR");
        }

        uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        uint start = ToUInt32(network) & mask;
        uint end = start | ~mask;
        return TrafficSelector.ForRange(FromUInt32(start), FromUInt32(end));
    }

    private static uint ToUInt32(IPAddress address) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    private static IPAddress FromUInt32(uint value)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
