using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests;

/// <summary>
/// Two real charons negotiate with each other on loopback. They prove the fixture (start, configure, initiate,
/// inspect, stop, clean up); later our own engine takes the place of one side.
/// Peer a: 127.0.0.1, IKE 15500 / NAT-T 14500. Peer b: 127.0.0.2 (scope global), 25500 / 24500.
/// </summary>
public sealed class StrongSwanPeerSmokeTests(ITestOutputHelper output)
{
    const string AddressA = "127.0.0.1";
    const string AddressB = "127.0.0.2";
    const string IdA = "peer-a.lab.test";
    const string IdB = "peer-b.lab.test";
    const string Psk = "interop-psk-0123456789abcdef";
    static readonly TimeSpan NegotiationTimeout = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Ikev2Psk_EstablishesIkeSaAndChildSa_OnBothPeers()
    {
        PeerEnvironment.SkipUnlessAvailable();
        await using LoopbackAddresses addresses = await LoopbackAddresses.AddAsync(AddressB);
        await using StrongSwanPeer a = await StartPeerA(Psk);
        await using StrongSwanPeer b = await StartPeerB(Psk);
        try
        {
            // IKE_SA_INIT + IKE_AUTH (carrying the first CHILD_SA), initiated by a
            CommandResult initiate = await a.InitiateAsync(SaSelector.Child(Ikev2PskConfig.Child), NegotiationTimeout);
            Assert.True(initiate.Succeeded, $"initiate failed:\n{initiate}");

            IkeSaInfo initiator = Assert.Single(await a.ListSasAsync());
            IkeSaInfo responder = Assert.Single(await b.ListSasAsync());
            foreach (IkeSaInfo sa in new[] { initiator, responder })
            {
                Assert.Equal(Ikev2PskConfig.Connection, sa.Name);
                Assert.Equal(2, sa.Version);
                Assert.True(sa.IsEstablished, $"IKE_SA state {sa.State}");
                Assert.Equal(("AES_CBC", 256), (sa.EncryptionAlgorithm, sa.EncryptionKeySize));
                Assert.Equal("HMAC_SHA2_256_128", sa.IntegrityAlgorithm);
                Assert.Equal("PRF_HMAC_SHA2_256", sa.PrfAlgorithm);
                Assert.Equal("MODP_2048", sa.DhGroup);
            }
            Assert.True(initiator.IsInitiator);
            Assert.False(responder.IsInitiator);
            Assert.Equal((AddressA, IdA, AddressB, IdB), (initiator.LocalHost, initiator.LocalId, initiator.RemoteHost, initiator.RemoteId));
            Assert.Equal((AddressB, IdB, AddressA, IdA), (responder.LocalHost, responder.LocalId, responder.RemoteHost, responder.RemoteId));
            // both ends name the same IKE_SA by the same SPI pair (RFC 7296 section 2.6)
            Assert.Matches("^[0-9a-f]{16}$", initiator.InitiatorSpi!);
            Assert.Equal((initiator.InitiatorSpi, initiator.ResponderSpi), (responder.InitiatorSpi, responder.ResponderSpi));

            ChildSaInfo outbound = Assert.Single(initiator.ChildSas);
            ChildSaInfo inbound = Assert.Single(responder.ChildSas);
            foreach (ChildSaInfo child in new[] { outbound, inbound })
            {
                Assert.Equal(Ikev2PskConfig.Child, child.Name);
                Assert.True(child.IsInstalled, $"CHILD_SA state {child.State}");
                Assert.Equal(("TUNNEL", "ESP"), (child.Mode, child.Protocol));
                Assert.Equal(("AES_CBC", 128), (child.EncryptionAlgorithm, child.EncryptionKeySize));
                Assert.Equal("HMAC_SHA2_256_128", child.IntegrityAlgorithm);
                // kernel-libipsec always encapsulates ESP in UDP
                Assert.True(child.UdpEncapsulated);
            }
            // each side's inbound SPI is the other's outbound SPI
            Assert.Equal((outbound.SpiIn, outbound.SpiOut), (inbound.SpiOut, inbound.SpiIn));
            Assert.Equal([$"{AddressA}/32"], outbound.LocalTrafficSelectors);
            Assert.Equal([$"{AddressB}/32"], outbound.RemoteTrafficSelectors);
            Assert.Equal([$"{AddressB}/32"], inbound.LocalTrafficSelectors);
            Assert.Equal([$"{AddressA}/32"], inbound.RemoteTrafficSelectors);

            // INFORMATIONAL { D } deletes the IKE_SA on both sides
            CommandResult terminate = await a.TerminateIkeAsync(Ikev2PskConfig.Connection, NegotiationTimeout);
            Assert.True(terminate.Succeeded, $"terminate failed:\n{terminate}");
            Assert.Empty(await a.ListSasAsync());
            Assert.True(await b.WaitForLogAsync("received DELETE for IKE_SA", NegotiationTimeout), b.Describe());
        }
        finally
        {
            output.WriteLine(a.Describe());
            output.WriteLine(b.Describe());
        }
    }

    [SkippableFact]
    public async Task Ikev2Psk_WithMismatchedPsk_FailsAuthentication_AndEstablishesNothing()
    {
        PeerEnvironment.SkipUnlessAvailable();
        await using LoopbackAddresses addresses = await LoopbackAddresses.AddAsync(AddressB);
        await using StrongSwanPeer a = await StartPeerA(Psk);
        await using StrongSwanPeer b = await StartPeerB("a-different-psk-0123456789");
        try
        {
            CommandResult initiate = await a.InitiateAsync(SaSelector.Child(Ikev2PskConfig.Child), NegotiationTimeout);
            Assert.False(initiate.Succeeded, $"initiate unexpectedly succeeded:\n{initiate}");

            // the responder checks the initiator's AUTH payload first (RFC 7296 section 2.15) and answers
            // IKE_AUTH with the AUTHENTICATION_FAILED notify (section 3.10.1)
            Assert.True(await b.WaitForLogAsync("but MAC mismatched", NegotiationTimeout), b.Describe());
            Assert.True(await a.WaitForLogAsync("received AUTHENTICATION_FAILED notify error", NegotiationTimeout), a.Describe());
            Assert.DoesNotContain(await a.ListSasAsync(), sa => sa.IsEstablished);
            Assert.DoesNotContain(await b.ListSasAsync(), sa => sa.IsEstablished);
        }
        finally
        {
            output.WriteLine(a.Describe());
            output.WriteLine(b.Describe());
        }
    }

    [SkippableFact]
    public async Task Pause_SilencesThePeer_AndResume_CompletesThePendingNegotiation()
    {
        PeerEnvironment.SkipUnlessAvailable();
        await using LoopbackAddresses addresses = await LoopbackAddresses.AddAsync(AddressB);
        await using StrongSwanPeer a = await StartPeerA(Psk);
        await using StrongSwanPeer b = await StartPeerB(Psk);
        try
        {
            b.Pause();
            // swanctl stops waiting after 1 s; charon a keeps retransmitting IKE_SA_INIT (1 s, then x1.4, 3 times)
            CommandResult whilePaused = await a.InitiateAsync(SaSelector.Child(Ikev2PskConfig.Child), TimeSpan.FromSeconds(1));
            Assert.False(whilePaused.Succeeded, $"a frozen responder answered:\n{whilePaused}");
            Assert.DoesNotContain(await a.ListSasAsync(), sa => sa.IsEstablished);

            b.Resume();
            // b reads the IKE_SA_INIT queued on its socket (or a retransmission) and answers; a's pending IKE_SA
            // completes without a new initiate
            Assert.True(await EventuallyAsync(async () => (await a.ListSasAsync()).Any(sa => sa.IsEstablished && sa.ChildSas.Any(c => c.IsInstalled))),
                "the IKE_SA did not come up after Resume");

            await b.StopAsync();
            Assert.False(b.IsRunning);
            Assert.False(b.WasKilled, "charon needed SIGKILL instead of shutting down on SIGTERM");
        }
        finally
        {
            output.WriteLine(a.Describe());
            output.WriteLine(b.Describe());
        }
    }

    [SkippableFact]
    public async Task Start_FailsWithDiagnostics_WhenTheIkePortIsTaken_AndLeavesNoCharonBehind()
    {
        PeerEnvironment.SkipUnlessAvailable();
        await using StrongSwanPeer first = await StartPeerA(Psk);
        var second = new StrongSwanPeerOptions
        {
            Name = "clash",
            IkePort = first.IkePort,
            NatTraversalPort = first.NatTraversalPort,
            SwanctlConf = Ikev2PskConfig.Render(AddressA, AddressB, 25500, IdA, IdB, Psk),
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StrongSwanPeer.StartAsync(second));

        Assert.Contains("could not bind UDP 15500/14500", failure.Message);
        // the failed start cleaned up after itself: no charon names that peer's state directory any more
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetDirectoryName(first.StateDirectory)!), d => Path.GetFileName(d).StartsWith("clash-", StringComparison.Ordinal));
        Assert.True(first.IsRunning);
    }

    /// <summary>Polls a condition for at most 10 s (a bound on waiting, not an assertion on timing).</summary>
    static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    static Task<StrongSwanPeer> StartPeerA(string psk) => StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
    {
        Name = "a",
        IkePort = 15500,
        NatTraversalPort = 14500,
        SwanctlConf = Ikev2PskConfig.Render(AddressA, AddressB, remoteIkePort: 25500, IdA, IdB, psk),
    });

    static Task<StrongSwanPeer> StartPeerB(string psk) => StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
    {
        Name = "b",
        IkePort = 25500,
        NatTraversalPort = 24500,
        SwanctlConf = Ikev2PskConfig.Render(AddressB, AddressA, remoteIkePort: 15500, IdB, IdA, psk),
    });
}
