namespace Ipsec.Domain;

/// <summary>
/// The account allow-list (PRODUCT.md section 2; seed: the four features "均白名单开放"). Without a feature the
/// connection keeps the system default for every setting of that feature: a request that would move a setting away
/// from the default gets 403 naming the feature. Returning to the default, or leaving a value unchanged, is always
/// allowed (so a feature withdrawn later never blocks unrelated changes). With the feature, any value is fine.
/// </summary>
/// <remarks>
/// The sub-fields (tunnelCidr, dip, interval, ...) count as settings of their feature: configuring BGP or the health
/// check without the feature is refused the same way as switching it on, instead of storing settings the account
/// cannot use.
/// </remarks>
internal static class FeatureAllowList
{
    public static void Check(Account account, ConnectionRequest request, ConnectionSettings before, ConnectionSettings after, Findings findings)
    {
        var defaultBgp = ConnectionDefaults.BgpConfig;
        var defaultHealth = ConnectionDefaults.HealthCheckConfig;
        var bgp = request.BgpConfig;
        var health = request.HealthCheckConfig;

        var checks = new (Feature Feature, string Field, bool Given, object? After, object? Before, object? Default)[]
        {
            (Feature.Dpd, "enableDpd", request.EnableDpd is not null, after.EnableDpd, before.EnableDpd, ConnectionDefaults.EnableDpd),
            (Feature.NatTraversal, "enableNatTraversal", request.EnableNatTraversal is not null, after.EnableNatTraversal, before.EnableNatTraversal, ConnectionDefaults.EnableNatTraversal),
            (Feature.Bgp, "bgpConfig.enableBgp", bgp?.EnableBgp is not null, after.BgpConfig.EnableBgp, before.BgpConfig.EnableBgp, defaultBgp.EnableBgp),
            (Feature.Bgp, "bgpConfig.tunnelCidr", bgp?.TunnelCidr is not null, after.BgpConfig.TunnelCidr, before.BgpConfig.TunnelCidr, defaultBgp.TunnelCidr),
            (Feature.Bgp, "bgpConfig.localBgpIp", bgp?.LocalBgpIp is not null, after.BgpConfig.LocalBgpIp, before.BgpConfig.LocalBgpIp, defaultBgp.LocalBgpIp),
            (Feature.Bgp, "bgpConfig.localAsn", bgp?.LocalAsn is not null, after.BgpConfig.LocalAsn, before.BgpConfig.LocalAsn, defaultBgp.LocalAsn),
            (Feature.HealthCheck, "healthCheckConfig.enable", health?.Enable is not null, after.HealthCheckConfig.Enable, before.HealthCheckConfig.Enable, defaultHealth.Enable),
            (Feature.HealthCheck, "healthCheckConfig.dip", health?.Dip is not null, after.HealthCheckConfig.Dip, before.HealthCheckConfig.Dip, defaultHealth.Dip),
            (Feature.HealthCheck, "healthCheckConfig.sip", health?.Sip is not null, after.HealthCheckConfig.Sip, before.HealthCheckConfig.Sip, defaultHealth.Sip),
            (Feature.HealthCheck, "healthCheckConfig.interval", health?.Interval is not null, after.HealthCheckConfig.Interval, before.HealthCheckConfig.Interval, defaultHealth.Interval),
            (Feature.HealthCheck, "healthCheckConfig.retry", health?.Retry is not null, after.HealthCheckConfig.Retry, before.HealthCheckConfig.Retry, defaultHealth.Retry),
        };

        foreach (var check in checks)
        {
            if (!check.Given || account.Allows(check.Feature)) continue;
            if (Equals(check.After, check.Default) || Equals(check.After, check.Before)) continue;
            findings.Add(new ApiError(ErrorCodes.FeatureNotAllowed(check.Feature), check.Field,
                $"configuring {EnumSpelling.Of(check.Feature)} is allow-listed and this account is not on the list; " +
                $"{check.Field} keeps its default {Spell(check.Default)} (ask support to enable the feature)",
                ErrorKind.Forbidden));
        }
    }

    private static string Spell(object? value) => value switch
    {
        null => "(not set)",
        bool b => b ? "true" : "false",
        _ => value.ToString()!,
    };
}
