using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace Ike.HandshakeBench.Initiator;

/// <summary>
/// NAT_DETECTION_SOURCE_IP / _DESTINATION_IP data: SHA-1(SPIi | SPIr | IP address | port) (RFC 7296 §2.23), with
/// SPIr zero in the IKE_SA_INIT request. The initiator sends them so that both responders negotiate NAT traversal the
/// way they do with a real peer: strongSwan's kernel-libipsec can install a CHILD SA only UDP-encapsulated, and it fakes
/// a NAT to get there, which it can do only when the peer sent NAT-D.
/// </summary>
internal static class NatDetection
{
    public static byte[] Hash(ulong initiatorSpi, ulong responderSpi, IPEndPoint endpoint)
    {
        byte[] address = endpoint.Address.GetAddressBytes();
        Span<byte> input = stackalloc byte[8 + 8 + 16 + 2];
        BinaryPrimitives.WriteUInt64BigEndian(input, initiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(input[8..], responderSpi);
        address.CopyTo(input[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(input[(16 + address.Length)..], (ushort)endpoint.Port);
        return SHA1.HashData(input[..(16 + address.Length + 2)]);
    }
}
