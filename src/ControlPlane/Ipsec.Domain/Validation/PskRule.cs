namespace Ipsec.Domain;

/// <summary>
/// Pre-shared keys as PRODUCT.md section 3 allows them: 1–100 printable ASCII characters without spaces
/// (0x21–0x7E). The rule never echoes the key back in a message.
/// </summary>
public static class PskRule
{
    public const int MinLength = 1;
    public const int MaxLength = 100;

    public static bool IsValid(string psk) =>
        psk.Length is >= MinLength and <= MaxLength && psk.All(c => c is >= '!' and <= '~');
}
