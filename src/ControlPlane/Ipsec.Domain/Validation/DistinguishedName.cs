using System.Text;

namespace Ipsec.Domain;

/// <summary>
/// Parses an X.500 distinguished name in the string form of RFC 4514 (<c>CN=idc,OU=net,O=example,C=CN</c>): the
/// remote identity of an sm gateway is the subject DN of the peer CA certificate (seed: "RemoteId：输入对端CA证书的主体名称").
/// </summary>
/// <remarks>
/// Follows RFC 4514 section 3: RDNs separated by ',' (';' is the legacy RFC 1779 form and is refused), attribute
/// values joined by '+', backslash escapes of the specials and of hex pairs, and '#' hex-string values. Like common
/// tools (OpenSSL's "CN=a, O=b" output) it tolerates spaces around separators and '='. Attribute types must be a
/// known short name (RFC 4514 section 3 table, plus the ones certificates commonly carry) or a dotted OID, so a typo
/// such as "CM=idc" is caught here rather than as a failed certificate match during negotiation.
/// </remarks>
public static class DistinguishedName
{
    /// <summary>Longer than the 100 characters allowed for IP/FQDN ids: CA subjects often are.</summary>
    public const int MaxLength = 512;

    private static readonly HashSet<string> KnownTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "CN", "L", "ST", "O", "OU", "C", "STREET", "DC", "UID",
        "SN", "GN", "SERIALNUMBER", "T", "TITLE", "E", "EMAILADDRESS", "DNQ", "PSEUDONYM", "POSTALCODE", "NAME",
    };

    private const string Specials = "\",+;<>\\";

    /// <summary>One attribute of the name, with escapes resolved.</summary>
    public readonly record struct Attribute(string Type, string Value);

    public static bool TryParse(string? text, out IReadOnlyList<Attribute> attributes, out string problem)
    {
        attributes = [];
        problem = "";
        if (string.IsNullOrWhiteSpace(text)) { problem = "the distinguished name is empty"; return false; }
        if (text.Length > MaxLength) { problem = $"the distinguished name is longer than {MaxLength} characters"; return false; }

        var parsed = new List<Attribute>();
        int position = 0;
        while (true)
        {
            SkipSpaces(text, ref position);
            if (!TryReadType(text, ref position, out string type, out problem)) return false;
            SkipSpaces(text, ref position);
            if (position >= text.Length || text[position] != '=') { problem = $"'=' expected after attribute type '{type}'"; return false; }
            position++;
            SkipSpaces(text, ref position);
            if (!TryReadValue(text, ref position, out string value, out problem)) return false;
            if (value.Length == 0) { problem = $"attribute '{type}' has an empty value"; return false; }
            parsed.Add(new Attribute(type, value));
            if (position >= text.Length) break;
            char separator = text[position];
            if (separator is not (',' or '+')) { problem = $"unexpected '{separator}' at position {position}; RDNs are separated by ','"; return false; }
            position++;
        }
        attributes = parsed;
        return true;
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ') position++;
    }

    private static bool TryReadType(string text, ref int position, out string type, out string problem)
    {
        int start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '-' or '.')) position++;
        type = text[start..position];
        problem = "";
        if (type.Length == 0) { problem = $"attribute type expected at position {start}"; return false; }
        bool numericOid = char.IsAsciiDigit(type[0]) && type.Split('.').All(arc => arc.Length > 0 && arc.All(char.IsAsciiDigit));
        if (!numericOid && !KnownTypes.Contains(type)) { problem = $"unknown attribute type '{type}'"; return false; }
        return true;
    }

    private static bool TryReadValue(string text, ref int position, out string value, out string problem)
    {
        value = "";
        problem = "";
        if (position < text.Length && text[position] == '#') return TryReadHexString(text, ref position, out value, out problem);

        // The value is gathered as UTF-8 bytes because a hex-pair escape is one byte of a possibly multi-byte
        // character (RFC 4514 section 2.4); it is decoded strictly once complete.
        var bytes = new List<byte>();
        int trailingSpaces = 0; // spaces before a separator belong to the separator, unless escaped
        Span<byte> encoded = stackalloc byte[4];
        while (position < text.Length && text[position] is not (',' or '+'))
        {
            char c = text[position];
            if (c == '\\')
            {
                if (!TryReadEscape(text, ref position, bytes, out problem)) return false;
                trailingSpaces = 0;
                continue;
            }
            if (c is '"' or ';' or '<' or '>' or '=')
            {
                problem = $"'{c}' at position {position} must be escaped with '\\'";
                return false;
            }
            if (char.IsControl(c)) { problem = $"control character at position {position}"; return false; }
            if (!Rune.TryGetRuneAt(text, position, out var rune)) { problem = $"broken character at position {position}"; return false; }
            int length = rune.EncodeToUtf8(encoded);
            for (int i = 0; i < length; i++) bytes.Add(encoded[i]);
            trailingSpaces = c == ' ' ? trailingSpaces + 1 : 0;
            position += rune.Utf16SequenceLength;
        }
        try
        {
            value = StrictUtf8.GetString(bytes.ToArray(), 0, bytes.Count - trailingSpaces);
        }
        catch (DecoderFallbackException)
        {
            problem = "an escaped value is not valid UTF-8";
            return false;
        }
        return true;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool TryReadEscape(string text, ref int position, List<byte> bytes, out string problem)
    {
        problem = "";
        if (position + 1 >= text.Length) { problem = "the name ends with a lone '\\'"; return false; }
        char next = text[position + 1];
        if (Specials.Contains(next) || next is ' ' or '#' or '=')
        {
            bytes.Add((byte)next);
            position += 2;
            return true;
        }
        if (position + 2 < text.Length && char.IsAsciiHexDigit(next) && char.IsAsciiHexDigit(text[position + 2]))
        {
            bytes.Add(Convert.ToByte(text.Substring(position + 1, 2), 16));
            position += 3;
            return true;
        }
        problem = $"invalid escape '\\{next}' at position {position}";
        return false;
    }

    private static bool TryReadHexString(string text, ref int position, out string value, out string problem)
    {
        int start = ++position;
        while (position < text.Length && char.IsAsciiHexDigit(text[position])) position++;
        value = text[start..position];
        problem = "";
        SkipSpaces(text, ref position);
        if (value.Length == 0 || value.Length % 2 != 0) { problem = "a '#' value needs an even number of hex digits"; return false; }
        if (position < text.Length && text[position] is not (',' or '+')) { problem = $"unexpected '{text[position]}' after a '#' value"; return false; }
        value = "#" + value;
        return true;
    }
}
