using System.Security.Cryptography;

namespace Ipsec.ControlPlane.Storage;

/// <summary>Resource ids: a prefix and 20 lowercase base32 characters from a CSPRNG ("vpn-…", "cgw-…", "ipsec-…").</summary>
public static class Ids
{
    const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New(string prefix)
    {
        Span<byte> random = stackalloc byte[20];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[20];
        for (int i = 0; i < chars.Length; i++) chars[i] = Alphabet[random[i] & 31];
        return $"{prefix}-{chars}";
    }

    /// <summary>Ids from URLs become row keys: refuse anything Table Storage forbids in a key (/ \ # ? and control
    /// characters) or that is absurdly long, so a hostile id is just "not found".</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
