using System.Text;

namespace Ipsec.Domain;

/// <summary>
/// Resource names (seed: "名称在2~128个字符之间，以英文字母或中文开始，可包含数字、短划线（-）和下划线（_）"): 2–128
/// characters, starting with an English letter or a Chinese character, then English letters, Chinese characters,
/// ASCII digits, '-' and '_'.
/// </summary>
/// <remarks>
/// "Chinese character" is taken as the CJK Unified Ideographs block (U+4E00–U+9FFF) and Extension A
/// (U+3400–U+4DBF), which hold every character in common use. Length counts characters (Unicode scalar values), not
/// UTF-16 units or bytes, matching what the console shows. Only ASCII digits count as digits: <see cref="char.IsDigit(char)"/>
/// would let full-width and other scripts' digits through.
/// </remarks>
public static class NameRule
{
    public const int MinLength = 2;
    public const int MaxLength = 128;

    public const string Description =
        "2-128 characters, starting with an English letter or a Chinese character, containing only letters, Chinese characters, digits, '-' and '_'";

    public static bool IsValid(string? name)
    {
        // A scalar value is at most two UTF-16 units: anything longer than this cannot be within the limit.
        if (name is null || name.Length < MinLength || name.Length > MaxLength * 2) return false;
        int count = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bool allowed = count == 0 ? IsLeading(rune) : IsLeading(rune) || IsFollowing(rune);
            if (!allowed || ++count > MaxLength) return false;
        }
        return count >= MinLength;
    }

    private static bool IsLeading(Rune rune) => IsEnglishLetter(rune) || IsChineseCharacter(rune);

    private static bool IsFollowing(Rune rune) => rune.Value is >= '0' and <= '9' or '-' or '_';

    private static bool IsEnglishLetter(Rune rune) => rune.Value is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsChineseCharacter(Rune rune) => rune.Value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF;
}
