namespace Ipsec.Domain;

/// <summary>
/// <c>localSubnets</c> / <c>remoteSubnets</c>: the phase 2 traffic selectors, a non-empty list of IPv4 CIDR blocks
/// without host bits and without repeats (PRODUCT.md section 3). Also reused for a gateway's <c>vpcCidrs</c>.
/// </summary>
internal static class SubnetRules
{
    /// <summary>The canonical list, or null when nothing was given or any item is wrong (each wrong item is reported).</summary>
    public static IReadOnlyList<string>? Resolve(IReadOnlyList<string>? given, string field, int maxItems, Findings findings)
    {
        if (given is null) return null;
        if (given.Count == 0)
        {
            findings.Invalid(field, $"{field} must list at least one CIDR block", ErrorCodes.Reasons.Empty);
            return null;
        }
        if (given.Count > maxItems)
        {
            findings.Invalid(field, $"{field} may list at most {maxItems} CIDR blocks", ErrorCodes.Reasons.TooMany);
            return null;
        }
        var result = new List<string>(given.Count);
        bool allValid = true;
        for (int i = 0; i < given.Count; i++)
        {
            string item = $"{field}[{i}]";
            switch (Ipv4Cidr.TryParse(given[i], out var cidr))
            {
                case CidrParseOutcome.Malformed:
                    findings.Invalid(item, $"{item} must be an IPv4 CIDR block such as 10.0.0.0/24");
                    allValid = false;
                    break;
                case CidrParseOutcome.HostBitsSet:
                    findings.Invalid(item, $"{item} has host bits set below the /{cidr.PrefixLength} prefix; the network is {cidr}", ErrorCodes.Reasons.HostBitsSet);
                    allValid = false;
                    break;
                default:
                    string canonical = cidr.ToString();
                    if (result.Contains(canonical))
                    {
                        findings.Invalid(item, $"{item} repeats {canonical}", ErrorCodes.Reasons.Duplicate);
                        allValid = false;
                    }
                    result.Add(canonical);
                    break;
            }
        }
        return allValid ? result : null;
    }
}
