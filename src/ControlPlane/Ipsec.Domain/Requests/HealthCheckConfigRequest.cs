namespace Ipsec.Domain;

/// <summary>The <c>healthCheckConfig</c> object of a request; null members were not given.</summary>
public sealed record HealthCheckConfigRequest(
    bool? Enable = null,
    string? Dip = null,
    string? Sip = null,
    int? Interval = null,
    int? Retry = null);
