using System.Security.Cryptography;
using System.Text;

namespace Ipsec.Domain;

/// <summary>
/// The policy routes a connection puts in its gateway's policy route table (seed: "感兴趣流模式 ... 系统自动在VPN网关策略
/// 路由表中添加策略路由 ... 路由默认是未发布状态").
/// </summary>
public static class RoutePlanner
{
    /// <summary>
    /// protectedFlows: one unpublished route per local×remote subnet pair (source = local, destination = remote), in
    /// local-major order. Destination mode and legacy gateways (no routing mode): none, the user adds routes. Route
    /// ids derive from (connection, source, destination) only, so re-running a workflow step, or re-planning after a
    /// PATCH, yields the same id for the same pair and a store can reconcile by id.
    /// </summary>
    public static IReadOnlyList<PolicyRoute> PolicyRoutesFor(string connectionId, ConnectionSettings s)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentNullException.ThrowIfNull(s);
        if (s.RoutingMode != RoutingMode.ProtectedFlows) return [];
        var routes = new List<PolicyRoute>(s.LocalSubnets.Count * s.RemoteSubnets.Count);
        foreach (string source in s.LocalSubnets)
            foreach (string destination in s.RemoteSubnets)
                routes.Add(new PolicyRoute(RouteId(connectionId, source, destination), s.VpnGatewayId, connectionId, source, destination, Published: false));
        return routes;
    }

    /// <summary>"pr-" and 96 bits of SHA-256 over the three parts, joined by newlines (which no CIDR or generated id holds).</summary>
    private static string RouteId(string connectionId, string source, string destination)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{connectionId}\n{source}\n{destination}"));
        return "pr-" + Convert.ToHexStringLower(hash, 0, 12);
    }
}
