namespace Ipsec.Domain;

/// <summary>
/// <c>healthCheckConfig</c>: with <c>enable</c>, ICMP probes from <c>sip</c> to <c>dip</c> every <c>interval</c>
/// seconds, <c>retry</c> failures in a row mark the tunnel unhealthy. Sub-fields are checked whenever given, so a
/// stored configuration is valid even while disabled and can be switched on later by a PATCH.
/// </summary>
internal static class HealthCheckRules
{
    private const string Prefix = "healthCheckConfig";

    public static HealthCheckConfig Resolve(HealthCheckConfigRequest? given, HealthCheckConfig current, Findings findings)
    {
        bool enable = given?.Enable ?? current.Enable;
        var (dip, dipFailed) = Address(given?.Dip, current.Dip, $"{Prefix}.dip", "an address on the customer side reachable through the tunnel", findings);
        var (sip, sipFailed) = Address(given?.Sip, current.Sip, $"{Prefix}.sip", "an address on the VPC side the customer side can reach through the tunnel", findings);
        int interval = Bounded(given?.Interval, current.Interval, $"{Prefix}.interval", ConnectionLimits.MaxHealthCheckInterval, "seconds", findings);
        int retry = Bounded(given?.Retry, current.Retry, $"{Prefix}.retry", ConnectionLimits.MaxHealthCheckRetry, "probes", findings);

        if (enable && dip is null && !dipFailed) findings.Missing($"{Prefix}.dip", $"{Prefix}.dip is required with the health check");
        if (enable && sip is null && !sipFailed) findings.Missing($"{Prefix}.sip", $"{Prefix}.sip is required with the health check");
        return new HealthCheckConfig(enable, dip, sip, interval, retry);
    }

    private static (string? Value, bool Failed) Address(string? given, string? current, string field, string meaning, Findings findings)
    {
        if (given is null) return (current, false);
        if (Ipv4Address.TryParse(given, out var address) && address.IsUnicast) return (address.ToString(), false);
        findings.Invalid(field, $"{field} must be a unicast IPv4 address: {meaning}");
        return (current, true);
    }

    private static int Bounded(int? given, int current, string field, int max, string unit, Findings findings)
    {
        if (given is not int value) return current;
        if (value is >= 1 && value <= max) return value;
        findings.Invalid(field, $"{field} must be between 1 and {max} {unit}");
        return current;
    }
}
