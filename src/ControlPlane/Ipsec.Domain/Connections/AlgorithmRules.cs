namespace Ipsec.Domain;

/// <summary>
/// Checks one algorithm-valued field against the set its gateway kind supports. With the gateway unknown (it was not
/// found, which is reported already) the kind-specific check is skipped rather than guessed.
/// </summary>
internal static class AlgorithmRules
{
    public static string Encryption(string? given, string current, string field, GatewayKind? kind, Findings findings) =>
        OneOf(given, current, field, kind, AlgorithmCatalog.EncryptionFor, "encryption algorithms", findings);

    public static string Integrity(string? given, string current, string field, GatewayKind? kind, Findings findings) =>
        OneOf(given, current, field, kind, AlgorithmCatalog.IntegrityFor, "authentication algorithms", findings);

    /// <summary>Phase 1 DH group: refused on sm gateways, whose suite fixes the key exchange (PRODUCT.md section 3).</summary>
    public static string? IkeDhGroup(string? given, string? current, string field, GatewayKind? kind, Findings findings)
    {
        if (given is null) return current;
        if (kind == GatewayKind.Sm)
        {
            findings.Invalid(field, $"{field} is fixed by the SM suite on sm gateways and cannot be set", ErrorCodes.Reasons.NotSupportedOnSmGateway);
            return current;
        }
        string name = given.ToLowerInvariant();
        if (AlgorithmCatalog.DhGroups.Contains(name)) return name;
        findings.Invalid(field, $"{field} must be one of {string.Join(", ", AlgorithmCatalog.DhGroups)}");
        return current;
    }

    /// <summary>Phase 2 PFS: "disabled" or a DH group; sm gateways accept only "disabled" (their fixed value).</summary>
    public static string IpsecPfs(string? given, string current, string field, GatewayKind? kind, Findings findings)
    {
        if (given is null) return current;
        string name = given.ToLowerInvariant();
        if (name == AlgorithmCatalog.PfsDisabled) return name;
        if (kind == GatewayKind.Sm)
        {
            findings.Invalid(field, $"{field} is fixed to \"disabled\" by the SM suite on sm gateways", ErrorCodes.Reasons.NotSupportedOnSmGateway);
            return current;
        }
        if (AlgorithmCatalog.DhGroups.Contains(name)) return name;
        findings.Invalid(field, $"{field} must be \"disabled\" or one of {string.Join(", ", AlgorithmCatalog.DhGroups)}");
        return current;
    }

    /// <summary>SA lifetime in seconds, 0 &lt; n ≤ 86400.</summary>
    public static int Lifetime(int? given, int current, string field, Findings findings)
    {
        if (given is not int seconds) return current;
        if (seconds is > 0 and <= ConnectionLimits.MaxLifetime) return seconds;
        findings.Invalid(field, $"{field} must be between 1 and {ConnectionLimits.MaxLifetime} seconds");
        return current;
    }

    private static string OneOf(string? given, string current, string field, GatewayKind? kind,
        Func<GatewayKind, IReadOnlyList<string>> allowedFor, string what, Findings findings)
    {
        if (given is null) return current;
        string name = given.ToLowerInvariant();
        if (kind is not GatewayKind known)
            return AllowedByAnyKind(name, allowedFor) ? name : Refuse();
        return allowedFor(known).Contains(name) ? name : Refuse();

        string Refuse()
        {
            string scope = kind is GatewayKind k ? $"{EnumSpelling.Of(k)} gateways support" : "supported";
            var allowed = kind is GatewayKind k2 ? allowedFor(k2) : allowedFor(GatewayKind.Standard).Concat(allowedFor(GatewayKind.Sm));
            findings.Invalid(field, $"{field}: {scope} {what} {string.Join(", ", allowed)}");
            return current;
        }
    }

    private static bool AllowedByAnyKind(string name, Func<GatewayKind, IReadOnlyList<string>> allowedFor) =>
        allowedFor(GatewayKind.Standard).Contains(name) || allowedFor(GatewayKind.Sm).Contains(name);
}
