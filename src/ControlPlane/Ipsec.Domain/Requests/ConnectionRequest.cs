namespace Ipsec.Domain;

/// <summary>
/// A create or modify (PATCH) request for a connection as the caller sent it: every property is nullable so "absent"
/// differs from "given", and values are still raw text (<see cref="ConnectionRules"/> parses and checks them).
/// <see cref="LocalSubnets"/> and <see cref="RemoteSubnets"/> are the items as sent, before any CIDR check.
/// </summary>
public sealed record ConnectionRequest(
    string? Name = null,
    string? VpnGatewayId = null,
    string? CustomerGatewayId = null,
    string? RoutingMode = null,
    IReadOnlyList<string>? LocalSubnets = null,
    IReadOnlyList<string>? RemoteSubnets = null,
    bool? EffectImmediately = null,
    string? Psk = null,
    IkeConfigRequest? IkeConfig = null,
    IpsecConfigRequest? IpsecConfig = null,
    bool? EnableDpd = null,
    bool? EnableNatTraversal = null,
    BgpConfigRequest? BgpConfig = null,
    HealthCheckConfigRequest? HealthCheckConfig = null,
    string? RemoteCaCertificate = null,
    string? ClientToken = null)
{
    /// <summary>Never print the PSK, even when a request is logged or shown in a test failure.</summary>
    public override string ToString() =>
        $"ConnectionRequest {{ Name = {Name}, VpnGatewayId = {VpnGatewayId}, CustomerGatewayId = {CustomerGatewayId}, Psk = {(Psk is null ? "null" : "***")} }}";
}
