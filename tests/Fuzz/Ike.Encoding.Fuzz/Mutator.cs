using System.Buffers.Binary;

namespace Ike.Encoding.Fuzz;

/// <summary>Structure-aware-ish mutations for the smoke mode (no coverage feedback there, so aim at length fields).</summary>
/// <param name="random">The run's only source of randomness (a seed reproduces a run).</param>
/// <param name="versionOctet">Version octet of a plausible header: 0x20 for IKEv2, 0x10 for ISAKMP.</param>
/// <param name="exchangeTypes">Exchange types of a plausible header; null keeps IKEv2's 34–37.</param>
/// <param name="encryptedBlockSize">
/// ISAKMP only: when the E flag (0x01) is set, half the mutations are cut to whole blocks of this size so they get
/// past the alignment check into the decrypted chain; null (IKEv2, where 0x01 is a reserved flag) never does.
/// </param>
public sealed class Mutator(Random random, byte versionOctet = 0x20, byte[]? exchangeTypes = null, int? encryptedBlockSize = null)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x02, 0x03, 0x04, 0x07, 0x08, 0x10, 0x20, 0x21, 0x22, 0x28, 0x29, 0x2e, 0x7f, 0x80, 0xff];
    private static readonly ushort[] InterestingLengths = [0, 1, 3, 4, 5, 7, 8, 15, 16, 17, 40, 255, 256, 0x7fff, 0xffff];

    public byte[] RandomDatagram()
    {
        var bytes = new byte[random.Next(0, 512)];
        random.NextBytes(bytes);
        if (bytes.Length >= 28 && random.Next(2) == 0)
        {
            // A plausible header lets random payload chains past the first checks.
            bytes[17] = versionOctet;
            bytes[18] = exchangeTypes is null ? (byte)random.Next(34, 38) : exchangeTypes[random.Next(exchangeTypes.Length)];
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), (uint)bytes.Length);
        }

        return bytes;
    }

    public byte[] Mutate(IReadOnlyList<byte[]> seeds)
    {
        byte[] data = seeds[random.Next(seeds.Count)].ToArray();
        int rounds = 1 + random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            data = MutateOnce(data, seeds);
        }

        if (encryptedBlockSize is { } block && data.Length > 28 && (data[19] & 0x01) != 0 && random.Next(2) == 0)
        {
            int body = Math.Max(block, (data.Length - 28) / block * block);
            data = [.. data.AsSpan(0, Math.Min(data.Length, 28 + body)), .. new byte[Math.Max(0, 28 + body - data.Length)]];
        }

        // Most of the time keep the header Length honest so the mutation is judged past the first check.
        if (data.Length >= 28 && random.Next(4) != 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(24), (uint)data.Length);
        }

        return data;
    }

    private byte[] MutateOnce(byte[] data, IReadOnlyList<byte[]> seeds)
    {
        if (data.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        int at = random.Next(data.Length);
        switch (random.Next(8))
        {
            case 0:
                data[at] ^= (byte)(1 << random.Next(8));
                return data;
            case 1:
                data[at] = InterestingBytes[random.Next(InterestingBytes.Length)];
                return data;
            case 2 when at + 2 <= data.Length:
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), InterestingLengths[random.Next(InterestingLengths.Length)]);
                return data;
            case 3 when at + 2 <= data.Length:
                ushort value = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), (ushort)(value + random.Next(-4, 5)));
                return data;
            case 4:
                return data[..at];
            case 5:
                int count = random.Next(1, Math.Min(64, data.Length - at) + 1);
                return [.. data[..at], .. data[(at + count)..]];
            case 6:
                var inserted = new byte[random.Next(1, 33)];
                random.NextBytes(inserted);
                return [.. data[..at], .. inserted, .. data[at..]];
            default:
                byte[] other = seeds[random.Next(seeds.Count)];
                int from = random.Next(other.Length);
                int length = random.Next(1, Math.Min(64, other.Length - from) + 1);
                return [.. data[..at], .. other.AsSpan(from, length), .. data[at..]];
        }
    }
}
