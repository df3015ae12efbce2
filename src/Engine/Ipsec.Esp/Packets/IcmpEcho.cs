using System.Buffers.Binary;

namespace Ipsec.Esp.Packets;

/// <summary>
/// An ICMP Echo or Echo Reply message (RFC 792): type, code 0, checksum over the whole message, identifier and
/// sequence number to match a reply with its request, then data the reply returns unchanged.
/// </summary>
public sealed record IcmpEcho(IcmpEchoType Type, ushort Identifier, ushort SequenceNumber, ReadOnlyMemory<byte> Data)
{
    public const int HeaderLength = 8;

    public int Length => HeaderLength + Data.Length;

    /// <summary>The message with its checksum, ready to be an IPv4 payload (protocol 1).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        bytes[0] = (byte)Type;
        bytes[1] = 0; // code
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), Identifier);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), SequenceNumber);
        Data.Span.CopyTo(bytes.AsSpan(HeaderLength));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), InternetChecksum.Compute(bytes));
        return bytes;
    }

    /// <summary>Parses an ICMP message (the IPv4 payload) when it is an echo or echo reply; the data is copied.</summary>
    public static IcmpParseStatus TryParse(ReadOnlySpan<byte> message, out IcmpEcho? echo)
    {
        echo = null;
        if (message.Length < HeaderLength)
        {
            return IcmpParseStatus.TooShort;
        }

        if (!InternetChecksum.IsValid(message))
        {
            return IcmpParseStatus.BadChecksum;
        }

        if (message[0] is not ((byte)IcmpEchoType.EchoRequest or (byte)IcmpEchoType.EchoReply) || message[1] != 0)
        {
            return IcmpParseStatus.NotEcho;
        }

        echo = new IcmpEcho(
            (IcmpEchoType)message[0],
            BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            message[HeaderLength..].ToArray());
        return IcmpParseStatus.Success;
    }
}
