using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ipsec.Crypto.Algorithms;

namespace Ike.Engine.Config;

/// <summary>
/// Names for the transforms a peer offers, in the product's spelling where the product has the algorithm and in
/// strongSwan's keywords where it does not (a network engineer reading "peer offered aes256gcm16/modp3072" knows what
/// to change on the customer gateway). Numbers from the IANA "IKEv2 Transform Type 1-4" registries.
/// </summary>
public static class TransformNames
{
    private static readonly Dictionary<ushort, string> OtherEncryption = new()
    {
        [11] = "null", [13] = "aesctr", [14] = "aesccm8", [15] = "aesccm12", [16] = "aesccm16",
        [18] = "aesgcm8", [19] = "aesgcm12", [20] = "aesgcm16", [23] = "camellia", [28] = "chacha20poly1305",
    };

    private static readonly Dictionary<ushort, string> OtherPrf = new() { [4] = "prfaesxcbc", [8] = "prfaescmac" };

    private static readonly Dictionary<ushort, string> OtherIntegrity = new() { [0] = "none", [5] = "aesxcbc", [8] = "aescmac" };

    private static readonly Dictionary<ushort, string> OtherGroups = new()
    {
        [0] = "none", [15] = "modp3072", [16] = "modp4096", [17] = "modp6144", [18] = "modp8192",
        [19] = "ecp256", [20] = "ecp384", [21] = "ecp521", [31] = "curve25519", [32] = "curve448",
    };

    public static string Describe(Transform transform) => transform.Type switch
    {
        TransformType.Encryption => AlgorithmCatalog.FindEncryptionByIkev2(transform.Id, transform.KeyLength) is { } known
            ? known.ApiName
            : OtherEncryption.TryGetValue(transform.Id, out string? name)
                ? name + (transform.KeyLength is { } bits ? bits.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")
                : $"encr{transform.Id}",
        TransformType.PseudorandomFunction => AlgorithmCatalog.FindAuthByIkev2Prf(transform.Id) is { } prf
            ? prf.ApiName
            : OtherPrf.GetValueOrDefault(transform.Id, $"prf{transform.Id}"),
        TransformType.Integrity => AlgorithmCatalog.FindAuthByIkev2Integrity(transform.Id) is { } integrity
            ? integrity.ApiName
            : OtherIntegrity.GetValueOrDefault(transform.Id, $"integ{transform.Id}"),
        TransformType.DiffieHellmanGroup => AlgorithmCatalog.FindDhGroupById(transform.Id) is { } group
            ? group.ShortName
            : OtherGroups.GetValueOrDefault(transform.Id, $"group{transform.Id}"),
        TransformType.ExtendedSequenceNumbers => transform.Id == 0 ? "noesn" : "esn",
        _ => $"type{(byte)transform.Type}:{transform.Id}",
    };

    /// <summary>
    /// One proposal as "enc/integ/group" with alternatives joined by '|' ("aes256|aes/sha1/modp1024"); the PRF is shown
    /// only when it differs from the integrity algorithm, ESN only when it is not the default "no ESN".
    /// </summary>
    public static string Describe(Proposal proposal)
    {
        string Names(TransformType type) =>
            string.Join('|', proposal.Transforms.Where(t => t.Type == type).Select(Describe).Distinct());

        string encryption = Names(TransformType.Encryption);
        string prf = Names(TransformType.PseudorandomFunction);
        string integrity = Names(TransformType.Integrity);
        string groups = Names(TransformType.DiffieHellmanGroup);
        var parts = new List<string> { encryption };
        if (prf.Length > 0 && prf != integrity)
        {
            parts.Add("prf:" + prf);
        }

        if (integrity.Length > 0)
        {
            parts.Add(integrity);
        }

        if (groups.Length > 0 && groups != "none")
        {
            parts.Add(groups);
        }

        return string.Join('/', parts.Where(p => p.Length > 0));
    }

    /// <summary>Every proposal of an SA payload, separated by ", ".</summary>
    public static string Describe(SaPayload sa) => string.Join(", ", sa.Proposals.Select(Describe));
}
