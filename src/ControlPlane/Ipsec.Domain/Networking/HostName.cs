namespace Ipsec.Domain;

/// <summary>
/// Fully qualified domain names as IKE identities (ID_FQDN, RFC 7296 section 3.5): labels of letters, digits and
/// hyphens, 1–63 characters, not starting or ending with a hyphen (RFC 1123 section 2.1), at most 253 characters.
/// </summary>
public static class HostName
{
    public const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    /// <remarks>
    /// A name whose labels are all digits is refused: "1.2.3.256" is a mistyped address, not a host name (RFC 1123
    /// section 2.1 says a valid name never has the form of a dotted-decimal number). One trailing dot (the root) is
    /// allowed.
    /// </remarks>
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return false;
        var name = text.EndsWith('.') ? text[..^1] : text;
        if (name.Length == 0) return false;
        bool anyNonNumericLabel = false;
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength) return false;
            if (label[0] == '-' || label[^1] == '-') return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
            if (!label.All(char.IsAsciiDigit)) anyNonNumericLabel = true;
        }
        return anyNonNumericLabel;
    }
}
