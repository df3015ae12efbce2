namespace Ipsec.Domain;

/// <summary>
/// Phase 1 settings: merges the given <c>ikeConfig</c> fields over the current (or default) ones and checks each
/// given field, then the combinations.
/// </summary>
internal static class IkeConfigRules
{
    private const string Prefix = "ikeConfig";

    public static IkeConfig Resolve(IkeConfigRequest? given, IkeConfig current, GatewayKind? kind, bool isCreate, Findings findings)
    {
        var version = Parse(given?.IkeVersion, current.IkeVersion, $"{Prefix}.ikeVersion", findings);
        var mode = Parse(given?.IkeMode, current.IkeMode, $"{Prefix}.ikeMode", findings);
        var resolved = new IkeConfig(
            version,
            mode,
            AlgorithmRules.Encryption(given?.IkeEncAlg, current.IkeEncAlg, $"{Prefix}.ikeEncAlg", kind, findings),
            AlgorithmRules.Integrity(given?.IkeAuthAlg, current.IkeAuthAlg, $"{Prefix}.ikeAuthAlg", kind, findings),
            AlgorithmRules.IkeDhGroup(given?.IkePfs, current.IkePfs, $"{Prefix}.ikePfs", kind, findings),
            AlgorithmRules.Lifetime(given?.IkeLifetime, current.IkeLifetime, $"{Prefix}.ikeLifetime", findings),
            LocalId(given?.LocalId, current.LocalId, findings),
            RemoteId(given?.RemoteId, current.RemoteId, kind, findings));

        // Aggressive mode is an IKEv1 exchange (RFC 2409 section 5.4); IKEv2 (RFC 7296) has none. Refused rather than
        // silently ignored, so a user moving to ikev2 sees that the mode they chose will not apply.
        if (resolved.IkeVersion == IkeVersion.Ikev2 && resolved.IkeMode == IkeMode.Aggressive)
        {
            string blamed = given?.IkeMode is not null ? $"{Prefix}.ikeMode" : $"{Prefix}.ikeVersion";
            findings.Invalid(blamed, "aggressive mode exists only in IKEv1; use ikeMode \"main\" with ikev2", ErrorCodes.Reasons.AggressiveModeRequiresIkev1);
        }

        // The sm remote identity is the peer CA's subject DN: there is nothing to default it to.
        if (isCreate && kind == GatewayKind.Sm && given?.RemoteId is null)
            findings.Missing($"{Prefix}.remoteId", "on sm gateways ikeConfig.remoteId is required: the subject DN of the peer CA certificate, e.g. CN=idc,OU=net,O=example,C=CN");
        return resolved;
    }

    private static TEnum Parse<TEnum>(string? given, TEnum current, string field, Findings findings) where TEnum : struct, Enum
    {
        if (given is null) return current;
        if (EnumSpelling.TryParse(given, out TEnum parsed)) return parsed;
        findings.Invalid(field, $"{field} must be one of {EnumSpelling.List<TEnum>()}");
        return current;
    }

    private static string LocalId(string? given, string current, Findings findings)
    {
        if (given is null) return current;
        if (IkeIdentity.ClassifyAddressOrFqdn(given) is not null) return given;
        findings.Invalid($"{Prefix}.localId", $"{Prefix}.localId must be {IkeIdentity.Description}");
        return current;
    }

    private static string RemoteId(string? given, string current, GatewayKind? kind, Findings findings)
    {
        const string field = $"{Prefix}.remoteId";
        if (given is null) return current;
        if (kind == GatewayKind.Sm)
        {
            if (DistinguishedName.TryParse(given, out _, out string problem)) return given.Trim();
            findings.Invalid(field, $"{field} on sm gateways must be the peer CA's subject DN (e.g. CN=idc,OU=net,O=example,C=CN): {problem}");
            return current;
        }
        if (IkeIdentity.ClassifyAddressOrFqdn(given) is not null) return given;
        if (kind is null && DistinguishedName.TryParse(given, out _, out _)) return given.Trim();
        findings.Invalid(field, $"{field} must be {IkeIdentity.Description}");
        return current;
    }
}
