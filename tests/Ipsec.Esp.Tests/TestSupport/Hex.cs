namespace Ipsec.Esp.Tests.TestSupport;

/// <summary>Hex vectors as they are printed in RFCs: spaces and line breaks allowed.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
