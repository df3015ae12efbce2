using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.V1;

/// <summary>
/// An IKEv1 connection that negotiates immediately stays up by itself like an IKEv2 one (PRODUCT.md §5): a first try
/// that finds no peer is repeated with growing waits until the peer answers, and a peer that deletes the ISAKMP SA (a
/// reset on the customer's device) is negotiated with again. Fake clock.
/// </summary>
public sealed class Ikev1KeepUpTests
{
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Theory]
    [InlineData(IkeProtocol.Ikev1Main)]
    [InlineData(IkeProtocol.Ikev1Aggressive)]
    public async Task APeerThatIsNotUpYet_IsTriedAgainUntilItAnswers(IkeProtocol mode)
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true; // the customer's device is still booting: nothing is answered
        pair.A.LoadConnection(V1Configs.Config(mode) with { StartAction = StartAction.Immediately });
        for (int i = 0; i < 240; i++)
        {
            await pair.AdvanceAsync(Step); // a minute
        }

        Assert.True(pair.EventsA.Count(e => e.Type == EngineEventType.NegotiationFailed) >= 2, "A gave up after its first try");

        // the device is up: the next try brings the tunnel up without anyone asking
        pair.B.LoadConnection(V1Configs.Config(mode, fromB: true));
        pair.Network.Hold = false;
        for (int i = 0; i < 400 && !(pair.A.ListSas() is [{ State: "Established", Children.Count: 1 }]); i++)
        {
            await pair.AdvanceAsync(Step);
        }

        Assert.Single(Assert.Single(pair.A.ListSas(), sa => sa.State == "Established").Children);
    }

    [Fact]
    public async Task ThePeerDeletesTheIsakmpSa_AnImmediatelyConnectionComesBackAfterTheFirstWait()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main, fromB: true));
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main) with { StartAction = StartAction.Immediately });
        await pair.SettleAsync();
        IkeSaSnapshot first = Assert.Single(pair.A.ListSas());
        await pair.AdvanceAsync(TimeSpan.FromMinutes(5));

        await pair.B.TerminateAsync(EnginePair.Name); // Deletes for the IPsec SA and the ISAKMP SA
        await pair.SettleAsync();
        Assert.Empty(pair.A.ListSas());
        DateTimeOffset deleted = pair.Time.GetUtcNow();
        while (!(pair.A.ListSas() is [{ State: "Established", Children.Count: 1 }]) && pair.Time.GetUtcNow() - deleted < TimeSpan.FromSeconds(30))
        {
            await pair.AdvanceAsync(Step);
        }

        IkeSaSnapshot again = Assert.Single(pair.A.ListSas());
        Assert.NotEqual(first.InitiatorSpi, again.InitiatorSpi);
        Assert.InRange((again.EstablishedAt - deleted).TotalSeconds, 1, 1.1 + Step.TotalSeconds);
    }

    [Fact]
    public async Task OurOwnTerminate_IsNotUndone()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main, fromB: true));
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main) with { StartAction = StartAction.Immediately });
        await pair.SettleAsync();
        Assert.Single(pair.A.ListSas());

        await pair.A.TerminateAsync(EnginePair.Name);
        await pair.SettleAsync();
        int sent = pair.Network.Sent.Count;
        await pair.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(pair.A.ListSas());
        Assert.Equal(sent, pair.Network.Sent.Count);
    }
}
