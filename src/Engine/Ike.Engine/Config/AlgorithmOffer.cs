using Ike.Engine.Api;
using Ipsec.Crypto.Algorithms;

namespace Ike.Engine.Config;

/// <summary>
/// What one side is willing to use, resolved from the product's API names once, when a connection is loaded.
/// Each field of <see cref="IkeProposalConfig"/> / <see cref="ChildProposalConfig"/> is one API name (the product's
/// form, e.g. "aes256") or several separated by commas in order of preference ("group14,group2"): the engine then
/// offers them all in one proposal, as strongSwan does with "aes256-sha256-modp2048-modp1024".
/// </summary>
public sealed record AlgorithmOffer(
    IReadOnlyList<EncryptionAlgorithm> Encryption,
    IReadOnlyList<AuthAlgorithm> Integrity,
    IReadOnlyList<DhGroup> Groups)
{
    /// <summary>The IKE offer of a connection; PRF and integrity both come from <c>ikeAuthAlg</c> (PRODUCT.md §3).</summary>
    /// <exception cref="ArgumentException">A name is not one of the product's algorithms.</exception>
    public static AlgorithmOffer ForIke(IkeProposalConfig config) => new(
        Resolve(config.Encryption, AlgorithmCatalog.FindEncryption, "encryption"),
        Resolve(config.Integrity, AlgorithmCatalog.FindAuth, "integrity"),
        Resolve(config.DhGroup, AlgorithmCatalog.FindDhGroup, "DH group"));

    /// <summary>The ESP offer; no PFS group (null, empty or "disabled") makes <see cref="Groups"/> empty.</summary>
    public static AlgorithmOffer ForChild(ChildProposalConfig config) => new(
        Resolve(config.Encryption, AlgorithmCatalog.FindEncryption, "encryption"),
        Resolve(config.Integrity, AlgorithmCatalog.FindAuth, "integrity"),
        string.IsNullOrWhiteSpace(config.PfsGroup) || config.PfsGroup == "disabled"
            ? []
            : Resolve(config.PfsGroup, AlgorithmCatalog.FindDhGroup, "PFS group"));

    /// <summary>The first group: the one the initiator's KE payload uses (RFC 7296 §1.2).</summary>
    public DhGroup? PreferredGroup => Groups.Count > 0 ? Groups[0] : null;

    /// <summary>"aes/sha256/modp2048" (alternatives joined by '|'), the form of the diagnostics.</summary>
    public override string ToString()
    {
        string encryption = string.Join('|', Encryption.Select(a => a.ApiName));
        string integrity = string.Join('|', Integrity.Select(a => a.ApiName));
        return Groups.Count == 0
            ? $"{encryption}/{integrity}"
            : $"{encryption}/{integrity}/{string.Join('|', Groups.Select(g => g.ShortName))}";
    }

    private static IReadOnlyList<T> Resolve<T>(string names, Func<string, T?> find, string what)
        where T : class
    {
        var resolved = new List<T>();
        foreach (string name in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            T algorithm = find(name) ?? throw new ArgumentException($"'{name}' is not a known {what} algorithm");
            if (!resolved.Contains(algorithm))
            {
                resolved.Add(algorithm);
            }
        }

        return resolved.Count > 0 ? resolved : throw new ArgumentException($"no {what} algorithm configured");
    }
}
