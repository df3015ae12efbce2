using System.Diagnostics;
using Ike.Engine.Api;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev2;

/// <summary>
/// CREATE_CHILD_SA against charon: CHILD SA rekey with and without PFS and IKE SA rekey, started by either side
/// (ours from short lifetimes, charon's with swanctl --rekey); INFORMATIONAL: CHILD SA delete and DPD detecting a
/// SIGSTOPped charon within the configured time.
/// </summary>
public sealed class RekeyDpdInteropTests(ITestOutputHelper output)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    static readonly string[] SwanTs = [EngineInterop.SwanAddress + "/32"];
    static readonly string[] EngineTs = [EngineInterop.EngineAddress + "/32"];

    static SwanConnection Swan(bool pfs) =>
        new("main", "aes128-sha256-modp2048", pfs ? "aes128-sha256-modp2048" : "aes128-sha256", SwanTs[0], EngineTs[0]);

    static ConnectionConfig Ours(bool pfs, TimeSpan? ikeLifetime = null, TimeSpan? childLifetime = null, DpdConfig? dpd = null) =>
        EngineInterop.EngineConfig("main", "aes/sha256/group14", "aes/sha256", pfs ? "group14" : null, EngineTs, SwanTs,
            ikeLifetime: ikeLifetime, childLifetime: childLifetime, dpd: dpd);

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EngineRekeysTheChildSa_FromItsLifetime_CharonInstallsTheNewPairAndDropsTheOld(bool pfs)
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(pfs)]);
        try
        {
            lab.Engine.LoadConnection(Ours(pfs, childLifetime: TimeSpan.FromSeconds(5)));
            Assert.True((await lab.Engine.InitiateAsync("main").WaitAsync(Timeout)).Established);
            uint first = Assert.Single(Assert.Single(lab.Engine.ListSas()).Children).InboundSpi;

            // rekey at 55-60 % of 5 s (EngineInterop.Timing): CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, [KEi,] TSi, TSr }, then D(old)
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.ChildSaRekeyed).Count > 0, Timeout), lab.Describe());
            IReadOnlyList<IkeSaInfo> seen = [];
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
            {
                seen = await lab.Swan.ListSasAsync();
                return seen.Count == 1 && seen[0].ChildSas.Any(c => c.IsInstalled && c.SpiOut != $"{first:x8}");
            }, Timeout), $"{string.Join("\n", seen)}\n{lab.Describe()}");
            ChildSaInfo renewed = seen[0].ChildSas.First(c => c.IsInstalled && c.SpiOut != $"{first:x8}");
            Assert.Equal(pfs ? "MODP_2048" : null, renewed.DhGroup);
            Assert.True(await lab.Swan.WaitForLogAsync("received DELETE for ESP CHILD_SA", Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(150));
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CharonRekeysTheChildSa_WeAnswer_AndRemoveTheOldPairOnItsDelete(bool pfs)
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(pfs)]);
        try
        {
            lab.Engine.LoadConnection(Ours(pfs));
            Assert.True((await lab.Engine.InitiateAsync("main").WaitAsync(Timeout)).Established);
            uint first = Assert.Single(Assert.Single(lab.Engine.ListSas()).Children).InboundSpi;

            CommandResult rekey = await lab.Swan.SwanctlAsync(["--rekey", "--child", "main-child"], Timeout);

            Assert.True(rekey.Succeeded, rekey.ToString());
            Assert.True(await EngineInterop.EventuallyAsync(() =>
            {
                IReadOnlyList<ChildSaSnapshot> children = Assert.Single(lab.Engine.ListSas()).Children;
                return children.Count == 1 && children[0].InboundSpi != first;
            }, Timeout), lab.Describe());
            // events reach subscribers off the engine's loop: wait for it rather than expect it with the SA list
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.ChildSaRekeyed).Any(e => e.Detail.Contains("by the peer")), Timeout),
                lab.Describe());
            Assert.Equal(pfs ? "aes128/sha256/modp2048" : "aes128/sha256", Assert.Single(Assert.Single(lab.Engine.ListSas()).Children).Algorithms);
        }
        finally
        {
            output.WriteLine(lab.Describe(150));
        }
    }

    [SkippableFact]
    public async Task EngineRekeysTheIkeSa_TheChildSaMovesToTheNewIkeSa_CharonDeletesNothingElse()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(pfs: false)]);
        try
        {
            lab.Engine.LoadConnection(Ours(pfs: false, ikeLifetime: TimeSpan.FromSeconds(5)));
            Assert.True((await lab.Engine.InitiateAsync("main").WaitAsync(Timeout)).Established);
            IkeSaSnapshot before = Assert.Single(lab.Engine.ListSas());

            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.IkeSaRekeyed).Count > 0, Timeout), lab.Describe());
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
            {
                IReadOnlyList<IkeSaInfo> theirs = await lab.Swan.ListSasAsync();
                return theirs.Count == 1 && theirs[0].InitiatorSpi != $"{before.InitiatorSpi:x16}" && theirs[0].ChildSas.Count == 1;
            }, Timeout), lab.Describe());
            IkeSaSnapshot after = Assert.Single(lab.Engine.ListSas(), sa => sa.State == "Established");
            Assert.NotEqual(before.InitiatorSpi, after.InitiatorSpi);
            Assert.Equal(before.Children[0].InboundSpi, Assert.Single(after.Children).InboundSpi);
            Assert.True(await lab.Swan.WaitForLogAsync("received DELETE for IKE_SA", Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(150));
        }
    }

    [SkippableFact]
    public async Task CharonRekeysTheIkeSa_WeAnswer_AndTheNewIkeSaCarriesTheChildSa()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(pfs: false)]);
        try
        {
            lab.Engine.LoadConnection(Ours(pfs: false));
            Assert.True((await lab.Engine.InitiateAsync("main").WaitAsync(Timeout)).Established);
            IkeSaSnapshot before = Assert.Single(lab.Engine.ListSas());

            CommandResult rekey = await lab.Swan.SwanctlAsync(["--rekey", "--ike", "main"], Timeout);

            Assert.True(rekey.Succeeded, rekey.ToString());
            Assert.True(await EngineInterop.EventuallyAsync(() =>
            {
                IReadOnlyList<IkeSaSnapshot> sas = lab.Engine.ListSas();
                return sas.Count == 1 && sas[0].InitiatorSpi != before.InitiatorSpi && sas[0].Children.Count == 1;
            }, Timeout), lab.Describe());
            IkeSaSnapshot after = Assert.Single(lab.Engine.ListSas());
            Assert.False(after.Initiator); // §2.18: the rekey's initiator is the new SA's initiator
            Assert.Equal("aes128/sha256/modp2048", after.Algorithms);

            // the rekeyed SA still works: charon's liveness check gets its answer
            CommandResult terminate = await lab.Swan.TerminateIkeAsync("main", Timeout);
            Assert.True(terminate.Succeeded, terminate.ToString());
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Engine.ListSas().Count == 0, Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(150));
        }
    }

    [SkippableFact]
    public async Task CharonDeletesTheChildSa_WeAnswerWithOurSpi_TheIkeSaStays()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(pfs: false)]);
        try
        {
            lab.Engine.LoadConnection(Ours(pfs: false));
            Assert.True((await lab.Engine.InitiateAsync("main").WaitAsync(Timeout)).Established);

            CommandResult terminate = await lab.Swan.SwanctlAsync(["--terminate", "--child", "main-child", "--timeout", "10"], Timeout);

            Assert.True(terminate.Succeeded, terminate.ToString());
            Assert.True(await EngineInterop.EventuallyAsync(() => Assert.Single(lab.Engine.ListSas()).Children.Count == 0, Timeout), lab.Describe());
            Assert.Single(lab.EventsOf(EngineEventType.ChildSaDeleted));
            Assert.Equal("Established", Assert.Single(lab.Engine.ListSas()).State);
        }
        finally
        {
            output.WriteLine(lab.Describe(150));
        }
    }

    [SkippableFact]
    public async Task Dpd_DetectsAStoppedCharon_WithinIntervalPlusTimeout()
    {
        var dpd = new DpdConfig(Interval: TimeSpan.FromSeconds(1), Timeout: TimeSpan.FromSeconds(3));
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(pfs: false)]);
        try
        {
            lab.Engine.LoadConnection(Ours(pfs: false, dpd: dpd));
            Assert.True((await lab.Engine.InitiateAsync("main").WaitAsync(Timeout)).Established);

            // while charon answers, liveness checks keep the SA up
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            Assert.Empty(lab.EventsOf(EngineEventType.PeerDead));
            Assert.True(await lab.Swan.WaitForLogAsync("generating INFORMATIONAL response", Timeout), lab.Describe());

            var clock = Stopwatch.StartNew();
            lab.Swan.Pause();
            bool dead = await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.PeerDead).Count > 0, Timeout);
            TimeSpan detectedAfter = clock.Elapsed;
            lab.Swan.Resume();

            Assert.True(dead, lab.Describe());
            // at most one interval of silence before the first check, then the check's retransmissions within the timeout
            Assert.True(detectedAfter <= dpd.Interval + dpd.Timeout + TimeSpan.FromSeconds(1), $"detected after {detectedAfter}");
            EngineEvent deadEvent = Assert.Single(lab.EventsOf(EngineEventType.PeerDead));
            Assert.Equal(("INFORMATIONAL", "network", "TIMEOUT"), (deadEvent.Diagnostic!.Exchange, deadEvent.Diagnostic.Side, deadEvent.Diagnostic.Reason));
            Assert.Empty(lab.Engine.ListSas());
        }
        finally
        {
            output.WriteLine(lab.Describe(150));
        }
    }
    [SkippableFact]
    public async Task CharonDeletesTheIkeSa_AConnectionThatNegotiatesImmediatelyComesBackByItself()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan(pfs: false)]);
        try
        {
            lab.Engine.LoadConnection(Ours(pfs: false) with { StartAction = StartAction.Immediately });
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Engine.ListSas() is [{ State: "Established", Children.Count: 1 }], Timeout), lab.Describe());
            ulong first = lab.Engine.ListSas()[0].InitiatorSpi;

            // the customer resets the tunnel on their device: swanctl --terminate sends INFORMATIONAL { D(IKE) }
            Assert.True((await lab.Swan.TerminateIkeAsync("main", Timeout)).Succeeded, lab.Describe());
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.EventsOf(EngineEventType.IkeSaDeleted).Count == 1, Timeout), lab.Describe());

            // we negotiate again after the first backoff wait; charon holds the new SA
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
                lab.Engine.ListSas() is [{ State: "Established", Children.Count: 1 } again] && again.InitiatorSpi != first
                && (await lab.Swan.ListSasAsync()) is [{ IsEstablished: true } theirs] && theirs.InitiatorSpi == $"{again.InitiatorSpi:x16}", Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(100));
        }
    }
}
