using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Ipsec.ControlPlane.Access;

/// <summary>Who is calling: an account (through one of its API keys) or the operator.</summary>
public sealed record Caller(string? AccountId, string KeyId, bool IsOperator);

/// <summary>
/// Maps API keys to accounts. Keys come from configuration (app settings on Azure, local.settings.json locally):
/// <c>ApiKeys:{keyId}:Key</c> and <c>ApiKeys:{keyId}:AccountId</c>; the operator key is <c>OperatorKey</c>.
/// On Azure the same values are the Functions keys, so the host has already checked the key before the worker runs;
/// the worker still maps it to an account here, because the host knows nothing about accounts.
/// </summary>
public sealed class ApiKeyDirectory
{
    readonly IReadOnlyList<(string KeyId, byte[] KeyHash, string AccountId)> keys;
    readonly byte[]? operatorKeyHash;

    public ApiKeyDirectory(IConfiguration configuration)
    {
        keys = configuration.GetSection("ApiKeys").GetChildren()
            .Where(k => Usable(k["Key"]) && !string.IsNullOrEmpty(k["AccountId"]))
            .Select(k => (k.Key, Hash(k["Key"]!), k["AccountId"]!))
            .ToList();
        string? op = configuration["OperatorKey"];
        operatorKeyHash = Usable(op) ? Hash(op!) : null;
    }

    /// <summary>An unresolvable Key Vault reference reaches the app as its literal text ("@Microsoft.KeyVault(...)");
    /// that text must never become a valid key.</summary>
    static bool Usable(string? key) => !string.IsNullOrEmpty(key) && !key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    /// <summary>Resolves a presented key; comparison is constant-time over hashes so a key's prefix leaks nothing.</summary>
    public Caller? Resolve(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey) || presentedKey.Length > 512) return null;
        byte[] presented = Hash(presentedKey);
        if (operatorKeyHash is not null && CryptographicOperations.FixedTimeEquals(presented, operatorKeyHash))
            return new Caller(null, "operator", IsOperator: true);
        Caller? match = null;
        foreach (var (keyId, hash, accountId) in keys)
            if (CryptographicOperations.FixedTimeEquals(presented, hash)) match ??= new Caller(accountId, keyId, false);
        return match;
    }

    /// <summary>The account behind a key id (queue messages name the key id, never the key itself).</summary>
    public string? AccountForKeyId(string? keyId) =>
        keyId is null ? null : keys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal)).AccountId;

    static byte[] Hash(string s) => SHA256.HashData(Encoding.UTF8.GetBytes(s));
}
