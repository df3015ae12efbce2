namespace Ipsec.Domain.Tests.Connections;

public class SubnetTests
{
    public static TheoryData<string[], string?, string?> LocalSubnets => new()
    {
        { ["10.0.1.0/24"], null, null },
        { ["0.0.0.0/0"], null, null },
        { ["10.0.1.0/24", "10.0.2.0/24"], null, null },                              // ikev2 (default): several allowed
        { ["10.0.0.1/24"], "InvalidParameter.LocalSubnets.HostBitsSet", "localSubnets[0]" },
        { ["10.0.1.0/24", "nope"], "InvalidParameter.LocalSubnets", "localSubnets[1]" },
        { ["10.0.1.0/33"], "InvalidParameter.LocalSubnets", "localSubnets[0]" },
        { [], "InvalidParameter.LocalSubnets.Empty", "localSubnets" },
        { ["10.0.1.0/24", "10.0.1.0/24"], "InvalidParameter.LocalSubnets.Duplicate", "localSubnets[1]" },
        { Enumerable.Range(0, 11).Select(i => $"10.0.{i}.0/24").ToArray(), "InvalidParameter.LocalSubnets.TooMany", "localSubnets" },
        { Enumerable.Range(0, 10).Select(i => $"10.0.{i}.0/24").ToArray(), null, null },
    };

    [Theory]
    [MemberData(nameof(LocalSubnets))]
    public void Local_subnets_are_cidr_lists(string[] subnets, string? code, string? field) =>
        Expect.Outcome(ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { LocalSubnets = subnets }, Fixtures.Context()), code, field);

    [Fact]
    public void Host_bits_message_names_the_network()
    {
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { RemoteSubnets = ["192.168.1.7/24"] }, Fixtures.Context());
        var error = Expect.OnlyError(result, "InvalidParameter.RemoteSubnets.HostBitsSet", "remoteSubnets[0]");
        Assert.Contains("192.168.1.0/24", error.Message);
    }

    [Theory]
    [InlineData("ikev1", 2, 1, "InvalidParameter.LocalSubnets.MultipleSubnetsRequireIkev2", "localSubnets")]
    [InlineData("ikev1", 1, 2, "InvalidParameter.RemoteSubnets.MultipleSubnetsRequireIkev2", "remoteSubnets")]
    [InlineData("ikev1", 1, 1, null, null)]
    [InlineData("ikev2", 2, 3, null, null)]
    public void More_than_one_subnet_needs_ikev2(string version, int local, int remote, string? code, string? field)
    {
        var request = Fixtures.StandardRequest() with
        {
            LocalSubnets = Enumerable.Range(1, local).Select(i => $"10.0.{i}.0/24").ToList(),
            RemoteSubnets = Enumerable.Range(1, remote).Select(i => $"192.168.{i}.0/24").ToList(),
            IkeConfig = new IkeConfigRequest(IkeVersion: version),
        };
        Expect.Outcome(ConnectionRules.ValidateCreate(request, Fixtures.Context()), code, field);
    }

    [Fact]
    public void Both_lists_are_blamed_when_both_have_several_with_ikev1()
    {
        var request = Fixtures.StandardRequest() with
        {
            LocalSubnets = ["10.0.1.0/24", "10.0.2.0/24"],
            RemoteSubnets = ["192.168.1.0/24", "192.168.2.0/24"],
            IkeConfig = new IkeConfigRequest(IkeVersion: "ikev1"),
        };
        var result = ConnectionRules.ValidateCreate(request, Fixtures.Context());
        Expect.Error(result, "InvalidParameter.LocalSubnets.MultipleSubnetsRequireIkev2", "localSubnets");
        Expect.Error(result, "InvalidParameter.RemoteSubnets.MultipleSubnetsRequireIkev2", "remoteSubnets");
    }

    [Fact]
    public void Sm_gateways_default_to_ikev1_so_several_subnets_need_an_explicit_ikev2()
    {
        var several = Fixtures.SmRequest() with { LocalSubnets = ["10.0.1.0/24", "10.0.2.0/24"] };
        Expect.OnlyError(ConnectionRules.ValidateCreate(several, Fixtures.SmContext()),
            "InvalidParameter.LocalSubnets.MultipleSubnetsRequireIkev2", "localSubnets");

        var withIkev2 = several with { IkeConfig = new IkeConfigRequest(IkeVersion: "ikev2", RemoteId: Fixtures.PeerCaDn) };
        Expect.Valid(ConnectionRules.ValidateCreate(withIkev2, Fixtures.SmContext()));
    }
}
