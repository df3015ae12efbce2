using System.Net;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;

namespace Ike.Engine.Tests.Config;

/// <summary>Narrowing and the subset check of RFC 7296 §2.9 as tables.</summary>
public sealed class TrafficSelectorsTests
{
    static IReadOnlyList<TrafficSelector> Ts(params string[] cidrs) => TrafficSelectors.FromSubnets(cidrs.Select(Subnet.Parse));

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.1.0/24", "10.0.1.0/24")]
    [InlineData("10.0.1.0/24", "10.0.0.0/16", "10.0.1.0/24")]
    [InlineData("10.0.1.0/24,10.0.2.0/24", "10.0.0.0/16", "10.0.1.0/24, 10.0.2.0/24")]
    [InlineData("10.0.0.0/24", "10.1.0.0/24", "")]
    [InlineData("0.0.0.0/0", "192.0.2.7/32", "192.0.2.7/32")]
    public void Narrow_KeepsEveryIntersection(string proposed, string configured, string expected)
    {
        IReadOnlyList<TrafficSelector> narrowed = TrafficSelectors.Narrow(Ts(proposed.Split(',')), Ts(configured.Split(',')));

        Assert.Equal(expected, TrafficSelectors.Describe(narrowed));
    }

    [Fact]
    public void Narrow_ProtocolAndPorts_TakeTheStricterSide()
    {
        var web = new TrafficSelector(Ike.Encoding.V2.TrafficSelectorType.Ipv4AddressRange, 6, 80, 443, IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.0.0.255"));

        TrafficSelector narrowed = Assert.Single(TrafficSelectors.Narrow([web], Ts("10.0.0.0/16")));

        Assert.Equal("10.0.0.0/24[6/80-443]", TrafficSelectors.Describe(narrowed));
    }

    [Theory]
    [InlineData("10.0.1.0/24", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/16", "10.0.1.0/24", false)]
    [InlineData("10.0.1.0/24,10.0.2.0/24", "10.0.1.0/24,10.0.2.0/24", true)]
    [InlineData("10.0.1.0/24,10.9.0.0/24", "10.0.0.0/16", false)]
    public void IsSubsetOf_OnlyNarrowerAnswersPass(string answer, string proposed, bool expected) =>
        Assert.Equal(expected, TrafficSelectors.IsSubsetOf(Ts(answer.Split(',')), Ts(proposed.Split(','))));

    [Fact]
    public void Describe_WritesRangesThatAreNoPrefixAsRanges()
    {
        var range = TrafficSelector.ForRange(IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.9"));

        Assert.Equal("10.0.0.5-10.0.0.9", TrafficSelectors.Describe(range));
    }
}
