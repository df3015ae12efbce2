using System.Globalization;

namespace Ipsec.Domain;

/// <summary>
/// Autonomous system numbers as a user types them: asplain ("4200000000") or asdot ("123.456", meaning
/// 123 × 65536 + 456), both defined in RFC 5396 section 1. Four-octet ASNs come from RFC 6793; the product accepts
/// 1–4294967295 (0 is reserved by RFC 7607).
/// </summary>
public static class AsNumber
{
    public const long Min = 1;
    public const long Max = uint.MaxValue;

    public const string Description = "an AS number 1-4294967295, in asplain (65000) or asdot (1.10) notation";

    public static bool TryParse(string? text, out long asn)
    {
        asn = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 11) return false;
        int dot = text.IndexOf('.');
        if (dot < 0)
        {
            if (!TryParseDigits(text, maxDigits: 10, out long plain) || plain is < Min or > Max) return false;
            asn = plain;
            return true;
        }
        // RFC 5396 asdot: high-order 16 bits "." low-order 16 bits, each 0-65535.
        if (!TryParseDigits(text[..dot], maxDigits: 5, out long high) || high > ushort.MaxValue) return false;
        if (!TryParseDigits(text[(dot + 1)..], maxDigits: 5, out long low) || low > ushort.MaxValue) return false;
        long value = high * 65536 + low;
        if (value < Min) return false;
        asn = value;
        return true;
    }

    private static bool TryParseDigits(string text, int maxDigits, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > maxDigits || !text.All(char.IsAsciiDigit)) return false;
        value = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}
