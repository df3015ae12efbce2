namespace Ike.Encoding.Tests.Support;

/// <summary>Hex vectors written the way the RFC diagrams read: spaces, line breaks and "|" separators are ignored.</summary>
internal static class Hex
{
    public static byte[] Parse(string text)
    {
        var digits = new string(text.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(digits);
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
