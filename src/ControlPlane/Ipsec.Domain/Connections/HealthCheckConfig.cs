namespace Ipsec.Domain;

/// <summary>
/// ICMP probes from <see cref="Sip"/> (VPC side) to <see cref="Dip"/> (customer side) through the tunnel every
/// <see cref="Interval"/> seconds; <see cref="Retry"/> failures in a row mark the tunnel unhealthy.
/// </summary>
public sealed record HealthCheckConfig(bool Enable, string? Dip, string? Sip, int Interval, int Retry);
