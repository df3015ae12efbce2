namespace Ipsec.Domain;

/// <summary>Phase 2 settings: merges the given <c>ipsecConfig</c> fields over the current (or default) ones.</summary>
internal static class IpsecConfigRules
{
    private const string Prefix = "ipsecConfig";

    public static IpsecConfig Resolve(IpsecConfigRequest? given, IpsecConfig current, GatewayKind? kind, Findings findings) => new(
        AlgorithmRules.Encryption(given?.IpsecEncAlg, current.IpsecEncAlg, $"{Prefix}.ipsecEncAlg", kind, findings),
        AlgorithmRules.Integrity(given?.IpsecAuthAlg, current.IpsecAuthAlg, $"{Prefix}.ipsecAuthAlg", kind, findings),
        AlgorithmRules.IpsecPfs(given?.IpsecPfs, current.IpsecPfs, $"{Prefix}.ipsecPfs", kind, findings),
        AlgorithmRules.Lifetime(given?.IpsecLifetime, current.IpsecLifetime, $"{Prefix}.ipsecLifetime", findings));
}
