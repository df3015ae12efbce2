using System.Diagnostics;
using Ike.Engine.Api;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev1;

/// <summary>
/// Quick mode with PFS, phase 2 and phase 1 rekeys from our lifetimes and charon's, and RFC 3706 DPD both ways
/// (charon's R-U-THERE answered; a SIGSTOPped charon detected) against a real charon speaking IKEv1.
/// </summary>
public sealed class Ikev1RekeyDpdInteropTests(ITestOutputHelper output)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    static SwanV1Connection Swan(bool pfs, bool aggressive = false, string dpdDelay = "0", string dpdTimeout = "150s") =>
        new("v1", aggressive, "aes128-sha256-modp2048", pfs ? "aes128-sha256-modp2048" : "aes128-sha256", DpdDelay: dpdDelay, DpdTimeout: dpdTimeout);

    static ConnectionConfig Ours(SwanV1Connection swan, bool pfs, TimeSpan? ikeLifetime = null, TimeSpan? childLifetime = null, DpdConfig? dpd = null) =>
        Ikev1Lab.EngineConfig(swan, "aes/sha256/group14", "aes/sha256", pfs ? "group14" : null, dpd: dpd, ikeLifetime: ikeLifetime, childLifetime: childLifetime);

    [SkippableTheory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task QuickModeWithPfs_EstablishesWithTheGroupOnBothSides(bool engineInitiates, bool aggressive)
    {
        SwanV1Connection swan = Swan(pfs: true, aggressive);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs: true));
            if (engineInitiates)
            {
                NegotiationResult result = await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout);
                Assert.True(result.Established, result.Failure?.Message);
            }
            else
            {
                CommandResult initiated = await lab.Swan.InitiateAsync(SaSelector.Child(swan.Child), Timeout);
                Assert.True(initiated.Succeeded, $"{initiated}\n{lab.Describe()}");
                await lab.OursWhenInstalledAsync(swan.Name, Timeout);
            }

            ChildSaSnapshot child = Assert.Single(Assert.Single(lab.Engine.ListSas()).Children);
            Assert.Equal("aes128/sha256/modp2048", child.Algorithms);
            ChildSaInfo swanChild = Assert.Single(Assert.Single(await lab.Swan.ListSasAsync()).ChildSas);
            Assert.True(swanChild.IsInstalled, swanChild.State);
            Assert.Equal("MODP_2048", swanChild.DhGroup);
            Assert.Equal(($"{child.InboundSpi:x8}", $"{child.OutboundSpi:x8}"), (swanChild.SpiOut, swanChild.SpiIn));
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EngineRekeysTheIpsecSa_FromItsLifetime_CharonInstallsTheNewPairAndDropsTheOld(bool pfs)
    {
        SwanV1Connection swan = Swan(pfs);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs, childLifetime: TimeSpan.FromSeconds(6)));
            Assert.True((await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout)).Established);
            uint first = Assert.Single(Assert.Single(lab.Engine.ListSas()).Children).InboundSpi;

            // a new quick mode at 55-60 % of 6 s (EngineInterop.Timing), then INFORMATIONAL { HASH(1), D(ESP, old SPI) }
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.ChildSaRekeyed).Count > 0, Timeout), lab.Describe());
            // Both ends agree on one new pair (the old one deleted). The short lifetime keeps rekeying, so both views are
            // read together and compared between rekeys rather than one after the other.
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
            {
                IReadOnlyList<IkeSaInfo> sas = await lab.Swan.ListSasAsync();
                IReadOnlyList<IkeSaSnapshot> ours = lab.Engine.ListSas();
                return sas is [{ ChildSas: [{ IsInstalled: true } theirs] }] && ours is [{ Children: [var child] }]
                    && child.InboundSpi != first && theirs.SpiOut == $"{child.InboundSpi:x8}";
            }, Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableFact]
    public async Task CharonRekeysTheIpsecSa_WeAnswer_AndTheOldPairGoesOnBothSides()
    {
        SwanV1Connection swan = Swan(pfs: false);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs: false));
            Assert.True((await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout)).Established);
            uint first = Assert.Single(Assert.Single(lab.Engine.ListSas()).Children).InboundSpi;

            CommandResult rekey = await lab.Swan.SwanctlAsync(["--rekey", "--child", swan.Child], Timeout);
            Assert.True(rekey.Succeeded, rekey.ToString());

            // strongSwan 5.9 does not delete the pair it rekeyed; we delete the old one after a moment (D(ESP, old SPI))
            Assert.True(await EngineInterop.EventuallyAsync(() =>
                lab.Engine.ListSas() is [{ Children: [var only] }] && only.InboundSpi != first, Timeout), lab.Describe());
            Assert.Single(lab.EventsOf(EngineEventType.ChildSaRekeyed));
            uint current = Assert.Single(Assert.Single(lab.Engine.ListSas()).Children).InboundSpi;
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
                (await lab.Swan.ListSasAsync()) is [{ ChildSas: [var theirs] }] && theirs.SpiOut == $"{current:x8}", Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableFact]
    public async Task EngineRekeysTheIsakmpSa_TheIpsecSaMovesToTheNewOne_AndCharonDeletesTheOld()
    {
        SwanV1Connection swan = Swan(pfs: false);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs: false, ikeLifetime: TimeSpan.FromSeconds(6)));
            Assert.True((await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout)).Established);
            IkeSaSnapshot before = Assert.Single(lab.Engine.ListSas());
            uint child = Assert.Single(before.Children).InboundSpi;

            // a new main mode at 55-60 % of 6 s (EngineInterop.Timing); it takes the IPsec SA, then D(ISAKMP) of the old one
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.IkeSaRekeyed).Count > 0, Timeout), lab.Describe());
            IkeSaSnapshot after = Assert.Single(lab.Engine.ListSas());
            Assert.NotEqual(before.InitiatorSpi, after.InitiatorSpi);
            Assert.Equal(child, Assert.Single(after.Children).InboundSpi);
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
                (await lab.Swan.ListSasAsync()) is [{ IsEstablished: true } only] && only.InitiatorSpi == $"{after.InitiatorSpi:x16}", Timeout), lab.Describe());
            Assert.Empty(lab.EventsOf(EngineEventType.ChildSaDeleted));
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableFact]
    public async Task CharonReauthenticates_TheNewIsakmpSaTakesOverOurIpsecSa_TheOldOneIsRekeyed()
    {
        SwanV1Connection swan = Swan(pfs: false);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs: false));
            Assert.True((await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout)).Established);
            IkeSaSnapshot before = Assert.Single(lab.Engine.ListSas());
            uint child = Assert.Single(before.Children).InboundSpi;

            // IKEv1 has no in-place rekey: charon runs a new main mode towards us (strongSwan 5.9 then leaves the old
            // ISAKMP SA to its lifetime); our new responder SA takes over the IPsec SA, the old one is marked rekeyed
            CommandResult rekey = await lab.Swan.SwanctlAsync(["--rekey", "--ike", swan.Name, "--reauth"], Timeout);
            Assert.True(rekey.Succeeded, rekey.ToString());

            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.IkeSaRekeyed).Count > 0, Timeout), lab.Describe());
            IReadOnlyList<IkeSaSnapshot> sas = lab.Engine.ListSas();
            IkeSaSnapshot current = Assert.Single(sas, sa => sa.State == "Established");
            Assert.False(current.Initiator);
            Assert.NotEqual(before.InitiatorSpi, current.InitiatorSpi);
            Assert.Equal(child, Assert.Single(current.Children).InboundSpi);
            Assert.Empty(Assert.Single(sas, sa => sa.State == "Rekeyed").Children);
            Assert.Empty(lab.EventsOf(EngineEventType.ChildSaDeleted));
            Assert.Contains(await lab.Swan.ListSasAsync(), sa => sa.IsEstablished && sa.InitiatorSpi == $"{current.InitiatorSpi:x16}");
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableFact]
    public async Task CharonsRUThere_IsAnswered_AndTheSasStay()
    {
        SwanV1Connection swan = Swan(pfs: false, dpdDelay: "1s", dpdTimeout: "4s");
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan], logLevel: 2);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs: false));
            Assert.True((await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout)).Established);

            // charon sends R-U-THERE after 1 s without traffic; our R-U-THERE-ACK keeps it content beyond its timeout
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Log.Lines.Count(l => l.Contains("R-U-THERE received", StringComparison.Ordinal)) >= 3,
                Timeout), lab.Describe());
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal("ESTABLISHED", Assert.Single(await lab.Swan.ListSasAsync()).State);
            Assert.DoesNotContain("giving up", lab.Swan.ReadLog(), StringComparison.Ordinal);
            Assert.Single(lab.Engine.ListSas());
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableFact]
    public async Task OurRUThere_IsAcknowledgedByCharon()
    {
        SwanV1Connection swan = Swan(pfs: false);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs: false, dpd: new DpdConfig(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4))));
            Assert.True((await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout)).Established);

            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Log.Lines.Count(l => l.Contains("R-U-THERE-ACK received", StringComparison.Ordinal)) >= 3,
                Timeout), lab.Describe());
            Assert.Empty(lab.EventsOf(EngineEventType.PeerDead));
            Assert.Single(lab.Engine.ListSas());
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableFact]
    public async Task Dpd_DetectsAStoppedCharon_WithinIntervalPlusTimeout()
    {
        var dpd = new DpdConfig(Interval: TimeSpan.FromSeconds(1), Timeout: TimeSpan.FromSeconds(3));
        SwanV1Connection swan = Swan(pfs: false);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ours(swan, pfs: false, dpd: dpd));
            Assert.True((await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout)).Established);

            lab.Swan.Pause();
            var clock = Stopwatch.StartNew();
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.PeerDead).Count > 0, Timeout), lab.Describe());
            TimeSpan detectedAfter = clock.Elapsed;

            Assert.Empty(lab.Engine.ListSas());
            EngineEvent dead = Assert.Single(lab.EventsOf(EngineEventType.PeerDead));
            Assert.Contains("DPD: TIMEOUT", dead.Detail, StringComparison.Ordinal);
            Assert.True(detectedAfter <= dpd.Interval + dpd.Timeout + TimeSpan.FromSeconds(1.5), $"detected after {detectedAfter}");
        }
        finally
        {
            lab.Swan.Resume();
            output.WriteLine(lab.Describe(120));
        }
    }
}
