namespace Ipsec.Domain.Tests.Connections;

public class RoutePlannerTests
{
    private static ConnectionSettings ProtectedFlows(string[] local, string[] remote) =>
        Fixtures.ExistingStandard() with { RoutingMode = RoutingMode.ProtectedFlows, LocalSubnets = local, RemoteSubnets = remote };

    private static readonly string[] Local = ["10.0.1.0/24", "10.0.2.0/24"];
    private static readonly string[] Remote = ["192.168.1.0/24", "192.168.2.0/24", "192.168.3.0/24"];

    [Fact]
    public void Two_by_three_subnets_make_six_unpublished_routes()
    {
        var routes = RoutePlanner.PolicyRoutesFor("ipsec-1", ProtectedFlows(Local, Remote));

        Assert.Equal(6, routes.Count);
        var pairs = Local.SelectMany(l => Remote.Select(r => (l, r))).ToList();
        Assert.Equal(pairs, routes.Select(r => (r.SourceCidr, r.DestinationCidr)).ToList());
        Assert.All(routes, r =>
        {
            Assert.False(r.Published);
            Assert.Equal("ipsec-1", r.ConnectionId);
            Assert.Equal("vpn-std", r.VpnGatewayId);
            Assert.StartsWith("pr-", r.RouteId);
        });
        Assert.Equal(6, routes.Select(r => r.RouteId).Distinct().Count());
    }

    [Fact]
    public void Route_ids_are_stable_per_pair()
    {
        var first = RoutePlanner.PolicyRoutesFor("ipsec-1", ProtectedFlows(Local, Remote));
        var again = RoutePlanner.PolicyRoutesFor("ipsec-1", ProtectedFlows(Local, Remote));
        Assert.Equal(first, again);

        // Adding a subnet keeps the ids of the pairs that were there: a reconcile by id only adds the new ones.
        var grown = RoutePlanner.PolicyRoutesFor("ipsec-1", ProtectedFlows([.. Local, "10.0.3.0/24"], Remote));
        Assert.Subset(grown.Select(r => r.RouteId).ToHashSet(), first.Select(r => r.RouteId).ToHashSet());
        Assert.Equal(9, grown.Count);
    }

    [Fact]
    public void Route_ids_differ_between_connections()
    {
        var one = RoutePlanner.PolicyRoutesFor("ipsec-1", ProtectedFlows(Local, Remote)).Select(r => r.RouteId);
        var two = RoutePlanner.PolicyRoutesFor("ipsec-2", ProtectedFlows(Local, Remote)).Select(r => r.RouteId);
        Assert.Empty(one.Intersect(two));
    }

    [Fact]
    public void Destination_mode_and_legacy_gateways_get_no_routes()
    {
        Assert.Empty(RoutePlanner.PolicyRoutesFor("ipsec-1", ProtectedFlows(Local, Remote) with { RoutingMode = RoutingMode.Destination }));
        Assert.Empty(RoutePlanner.PolicyRoutesFor("ipsec-1", ProtectedFlows(Local, Remote) with { RoutingMode = null }));
    }
}
