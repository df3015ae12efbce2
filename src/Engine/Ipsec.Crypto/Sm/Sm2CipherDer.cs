using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Numerics;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// Converts between raw C1 || C3 || C2 and the DER SM2Cipher of GM/T 0009-2012 §7.2. Reading is strict DER and never
/// throws: x and y must be non-negative and fit 32 bytes, HASH exactly 32 bytes, CipherText non-empty, nothing
/// trailing.
/// </summary>
internal static class Sm2CipherDer
{
    private const int Element = Sm2Curve.ElementSize;
    private const int HashSize = Sm3Hash.HashSizeInBytes;
    private const int C1Size = Sm2Curve.EncodedPointSize;

    public static byte[] FromRaw(ReadOnlySpan<byte> c1c3c2)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(c1c3c2.Slice(1, Element), isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(c1c3c2.Slice(1 + Element, Element), isUnsigned: true, isBigEndian: true));
            writer.WriteOctetString(c1c3c2.Slice(C1Size, HashSize));
            writer.WriteOctetString(c1c3c2[(C1Size + HashSize)..]);
        }

        return writer.Encode();
    }

    public static bool TryToRaw(ReadOnlySpan<byte> der, [NotNullWhen(true)] out byte[]? c1c3c2)
    {
        c1c3c2 = null;
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var x = sequence.ReadIntegerBytes();
            var y = sequence.ReadIntegerBytes();
            var hash = sequence.ReadOctetString();
            var cipherText = sequence.ReadOctetString();
            sequence.ThrowIfNotEmpty();
            if (hash.Length != HashSize || cipherText.Length == 0)
            {
                return false;
            }

            var raw = new byte[C1Size + HashSize + cipherText.Length];
            raw[0] = 0x04;
            if (!TryPlace(x.Span, raw.AsSpan(1, Element)) || !TryPlace(y.Span, raw.AsSpan(1 + Element, Element)))
            {
                return false;
            }

            hash.CopyTo(raw.AsSpan(C1Size));
            cipherText.CopyTo(raw.AsSpan(C1Size + HashSize));
            c1c3c2 = raw;
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Right-aligns a DER INTEGER's content octets (already minimal, so a leading 00 only precedes a set top
    /// bit) in a 32-byte slot; false for a negative value or one that does not fit.</summary>
    private static bool TryPlace(ReadOnlySpan<byte> integer, Span<byte> slot)
    {
        if ((integer[0] & 0x80) != 0)
        {
            return false;
        }

        if (integer[0] == 0 && integer.Length > 1)
        {
            integer = integer[1..];
        }

        if (integer.Length > slot.Length)
        {
            return false;
        }

        slot.Clear();
        integer.CopyTo(slot[(slot.Length - integer.Length)..]);
        return true;
    }
}
