using System.Security.Cryptography;

namespace Ipsec.Domain;

/// <summary>
/// The PSK a connection gets when the user gives none (PRODUCT.md section 3: random, cryptographically strong, 16
/// characters).
/// </summary>
public static class PskGenerator
{
    public const int Length = 16;

    /// <summary>
    /// Letters and digits only: printable ASCII without spaces as the PSK rule requires, and free of quotes and
    /// backslashes so the key pastes unescaped into peer configurations (strongSwan secrets, vendor CLIs). 62
    /// symbols × 16 positions give about 95 bits.
    /// </summary>
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Uniform over the alphabet (RandomNumberGenerator.GetString rejects biased samples).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
}
