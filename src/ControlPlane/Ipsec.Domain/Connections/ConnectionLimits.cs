namespace Ipsec.Domain;

/// <summary>
/// Bounds the product sets where the source leaves them open. Each keeps stored records and the work they cause
/// (policy routes, probes) bounded.
/// </summary>
public static class ConnectionLimits
{
    /// <summary>SA lifetimes: 0 &lt; n ≤ 86400 seconds (PRODUCT.md section 3).</summary>
    public const int MaxLifetime = 86400;

    /// <summary>
    /// Subnets per side. protectedFlows adds one policy route per local×remote pair, so 10 per side bounds one
    /// connection at 100 routes; more than that belongs in destination routing with a summary route.
    /// </summary>
    public const int MaxSubnetsPerSide = 10;

    /// <summary>
    /// Health-check probe interval in seconds. Above a minute a dead tunnel would be noticed later than DPD notices it,
    /// which defeats the purpose of the check.
    /// </summary>
    public const int MaxHealthCheckInterval = 60;

    /// <summary>Failed probes in a row before the tunnel counts as unhealthy; with the interval bound, at most 100 minutes.</summary>
    public const int MaxHealthCheckRetry = 100;

    /// <summary>clientToken: at most 64 ASCII characters, as the VPC API's ClientToken.</summary>
    public const int MaxClientTokenLength = 64;
}
