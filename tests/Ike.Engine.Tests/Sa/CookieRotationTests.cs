using System.Net;
using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Sa;
using Ike.Engine.Tests.TestSupport;
using Ike.Engine.Timing;
using Ipsec.Crypto.Randomness;

namespace Ike.Engine.Tests.Sa;

/// <summary>
/// RFC 7296 §2.6: the COOKIE secret changes every period, and a cookie made with the previous secret is still accepted
/// for one more period, so an initiator caught by a change does not need a second round trip; an older one is refused
/// (the responder asks for a fresh cookie, still keeping no state).
/// </summary>
public sealed class CookieRotationTests
{
    static readonly byte[] Nonce = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    static readonly IPAddress Initiator = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void CookieJar_AcceptsTheCurrentAndThePreviousSecret_NotOlder()
    {
        using var jar = new CookieJar(SystemRandomSource.Instance);
        byte[] cookie = jar.Make(Nonce, Initiator, 0x0102030405060708);
        Assert.True(jar.Verify(cookie, Nonce, Initiator, 0x0102030405060708));

        jar.Rotate();
        Assert.True(jar.Verify(cookie, Nonce, Initiator, 0x0102030405060708));
        Assert.False(jar.Verify(cookie, Nonce, Initiator, 0x0102030405060709)); // bound to SPIi
        Assert.False(jar.Verify(cookie, Nonce, IPAddress.Parse("192.0.2.8"), 0x0102030405060708)); // and to the address

        jar.Rotate();
        Assert.False(jar.Verify(cookie, Nonce, Initiator, 0x0102030405060708));
    }

    [Theory]
    [InlineData(1.5, 2)] // one secret change: the cookie still counts, two IKE_SA_INITs in all
    [InlineData(2.5, 3)] // two changes: B asks again, a third IKE_SA_INIT with the new cookie
    public async Task EngineRotatesTheSecretOnItsTimer(double minutesBeforeTheRetry, int initRequests)
    {
        // every IKE_SA_INIT must carry a cookie; A's own retransmissions stay out of the way
        IkeTimingOptions slow = EnginePair.FastTiming with { RetransmitTimeout = TimeSpan.FromMinutes(10), RetransmitLimit = TimeSpan.FromMinutes(10) };
        await using var pair = EnginePair.Create(timing: slow, timingB: slow with { CookieThreshold = 0, CookieSecretLifetime = TimeSpan.FromMinutes(1) });
        pair.Network.Hold = true;
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);

        // HDR(A,0), SAi1, KEi, Ni -->   <-- HDR(A,0), N(COOKIE)
        await pair.StepAsync();
        await pair.StepAsync();
        Assert.True(Wire.Is(Assert.Single(pair.Network.Pending), ExchangeType.IkeSaInit, response: false));

        // the secret changes while A's retry is under way: HDR(A,0), N(COOKIE), SAi1, KEi, Ni -->
        await pair.AdvanceAsync(TimeSpan.FromMinutes(minutesBeforeTheRetry));
        await pair.DeliverAllAsync();

        Assert.True((await initiate).Established);
        Assert.Equal(initRequests, Wire.Count(pair.Network.Sent, ExchangeType.IkeSaInit, response: false));
    }
}
