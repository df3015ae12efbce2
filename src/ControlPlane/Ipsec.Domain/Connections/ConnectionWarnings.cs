namespace Ipsec.Domain;

/// <summary>
/// Advice on an accepted configuration (PRODUCT.md section 3, "Warnings"), computed on the final settings so a PATCH
/// response lists everything that still applies.
/// </summary>
internal static class ConnectionWarnings
{
    public static void Add(ConnectionSettings settings, Findings findings)
    {
        WarnFqdnWithMainMode(settings.IkeConfig, findings);
        WarnIfWeak(settings.IkeConfig.IkeEncAlg, "ikeConfig.ikeEncAlg", findings);
        WarnIfWeak(settings.IkeConfig.IkeAuthAlg, "ikeConfig.ikeAuthAlg", findings);
        if (settings.IkeConfig.IkePfs is string ikePfs) WarnIfWeak(ikePfs, "ikeConfig.ikePfs", findings);
        WarnIfWeak(settings.IpsecConfig.IpsecEncAlg, "ipsecConfig.ipsecEncAlg", findings);
        WarnIfWeak(settings.IpsecConfig.IpsecAuthAlg, "ipsecConfig.ipsecAuthAlg", findings);
        WarnIfWeak(settings.IpsecConfig.IpsecPfs, "ipsecConfig.ipsecPfs", findings);
    }

    /// <summary>
    /// Seed: "如果手动设置LocalId为FQDN格式，建议将协商模式改为野蛮模式（aggressive）". In IKEv1 main mode with a PSK the
    /// responder must pick the key before it sees the identity (RFC 2409 section 5.4), so it can only look it up by
    /// IP address and an FQDN peer often fails to authenticate. IKEv2 sends IDi with AUTH (RFC 7296 section 1.2) and
    /// has no modes, so it gets no warning. A DN (sm remote identity) is not an FQDN and gets none either.
    /// </summary>
    private static void WarnFqdnWithMainMode(IkeConfig ike, Findings findings)
    {
        if (ike.IkeVersion != IkeVersion.Ikev1 || ike.IkeMode != IkeMode.Main) return;
        foreach (var (id, field) in new[] { (ike.LocalId, "ikeConfig.localId"), (ike.RemoteId, "ikeConfig.remoteId") })
        {
            if (IkeIdentity.IsFqdn(id))
                findings.Warn(ErrorCodes.FqdnWithMainModeWarning, field,
                    $"{field} is an FQDN while ikeMode is main; aggressive mode (or ikev2) is recommended for FQDN identities");
        }
    }

    private static void WarnIfWeak(string algorithm, string field, Findings findings)
    {
        if (AlgorithmCatalog.WeaknessOf(algorithm) is string weakness)
            findings.Warn(ErrorCodes.WeakAlgorithmWarning, field, $"{field} is {algorithm}: {weakness}");
    }
}
