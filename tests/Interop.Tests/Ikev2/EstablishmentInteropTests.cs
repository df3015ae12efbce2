using Ike.Engine.Api;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev2;

/// <summary>
/// Our engine against a real charon: IKE_SA_INIT + IKE_AUTH with PSK, FQDN and IPv4 identities, the first CHILD SA
/// with several subnets on each side, NAT-D and the float to the NAT-T port with the non-ESP marker, as initiator and
/// as responder; then a Delete from either side.
/// </summary>
public sealed class EstablishmentInteropTests(ITestOutputHelper output)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // charon's side: its own address and two subnets. kernel-libipsec routes each policy with a source address inside
    // its local selector, so charon's subnets get an address on lo (loopback range only: nothing leaves the host).
    static readonly string[] SwanSubnets = ["127.0.0.2/32", "127.0.20.0/24", "127.0.21.0/24"];
    static readonly string[] SwanSubnetHosts = ["127.0.20.1", "127.0.21.1"];
    static readonly string[] EngineSubnets = ["127.0.0.1/32", "127.0.10.0/24", "127.0.11.0/24"];

    static SwanConnection Swan(string name = "main", string localId = EngineInterop.SwanId, string remoteId = EngineInterop.EngineId) =>
        new(name, "aes128-sha256-modp2048", "aes128-sha256", string.Join(",", SwanSubnets), string.Join(",", EngineSubnets), localId, remoteId);

    static ConnectionConfig Ours(string name = "main", string localId = EngineInterop.EngineId, string remoteId = EngineInterop.SwanId) =>
        EngineInterop.EngineConfig(name, "aes/sha256/group14", "aes/sha256", null, EngineSubnets, SwanSubnets, localId: localId, remoteId: remoteId);

    [SkippableFact]
    public async Task EngineInitiates_BothSidesInstallTheChildSa_WithEverySubnet_AndAgreeOnSpisAndAlgorithms()
    {
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan()], extraAddresses: SwanSubnetHosts);
        try
        {
            lab.Engine.LoadConnection(Ours());

            NegotiationResult result = await lab.Engine.InitiateAsync("main").WaitAsync(Timeout);

            Assert.True(result.Established, result.Failure?.Message);
            IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas());
            IkeSaInfo theirs = Assert.Single(await lab.Swan.ListSasAsync());
            Assert.True(theirs.IsEstablished);
            Assert.False(theirs.IsInitiator);
            Assert.Equal(($"{ours.InitiatorSpi:x16}", $"{ours.ResponderSpi:x16}"), (theirs.InitiatorSpi, theirs.ResponderSpi));
            Assert.Equal(("AES_CBC", 128, "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "MODP_2048"),
                (theirs.EncryptionAlgorithm, theirs.EncryptionKeySize, theirs.IntegrityAlgorithm, theirs.PrfAlgorithm, theirs.DhGroup));
            Assert.Equal((EngineInterop.EngineId, EngineInterop.SwanId), (theirs.RemoteId, theirs.LocalId));
            // the float: we moved our source to the NAT-T port after IKE_SA_INIT (§2.23), charon sees us there
            Assert.True(ours.NatDetected);
            Assert.Equal(EngineInterop.EngineNatTPort, ours.Local.Port);
            Assert.Equal(EngineInterop.EngineNatTPort, theirs.RemotePort);

            ChildSaSnapshot child = Assert.Single(ours.Children);
            ChildSaInfo swanChild = Assert.Single(theirs.ChildSas);
            Assert.True(swanChild.IsInstalled, swanChild.State);
            Assert.True(swanChild.UdpEncapsulated);
            Assert.Equal(($"{child.InboundSpi:x8}", $"{child.OutboundSpi:x8}"), (swanChild.SpiOut, swanChild.SpiIn));
            Assert.Equal(("AES_CBC", 128, "HMAC_SHA2_256_128"), (swanChild.EncryptionAlgorithm, swanChild.EncryptionKeySize, swanChild.IntegrityAlgorithm));
            Assert.Equal(EngineSubnets, child.LocalTs);
            Assert.Equal(SwanSubnets, child.RemoteTs);
            Assert.Equal(SwanSubnets, swanChild.LocalTrafficSelectors);
            Assert.Equal(EngineSubnets, swanChild.RemoteTrafficSelectors);

            // INFORMATIONAL { D(IKE) } from us: charon drops the IKE SA and its CHILD SA
            await lab.Engine.TerminateAsync("main").WaitAsync(Timeout);
            Assert.Empty(lab.Engine.ListSas());
            Assert.True(await lab.Swan.WaitForLogAsync("received DELETE for IKE_SA", Timeout), lab.Swan.Describe());
            Assert.True(await EngineInterop.EventuallyAsync(async () => (await lab.Swan.ListSasAsync()).Count == 0, Timeout));
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableFact]
    public async Task SwanInitiates_EngineResponds_WithIpv4Identities_AndCharonsDeleteRemovesOurSas()
    {
        // IPv4 identities on both sides (ID_IPV4_ADDR, RFC 7296 §3.5)
        await using EngineInterop lab = await EngineInterop.StartAsync(
            [Swan(localId: EngineInterop.SwanAddress, remoteId: EngineInterop.EngineAddress)], extraAddresses: SwanSubnetHosts);
        try
        {
            lab.Engine.LoadConnection(Ours(localId: EngineInterop.EngineAddress, remoteId: EngineInterop.SwanAddress));

            CommandResult initiate = await lab.Swan.InitiateAsync(SaSelector.Child("main-child"), Timeout);

            Assert.True(initiate.Succeeded, initiate.ToString());
            IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas());
            Assert.False(ours.Initiator);
            Assert.Equal("Established", ours.State);
            ChildSaSnapshot child = Assert.Single(ours.Children);
            Assert.Equal(EngineSubnets, child.LocalTs);
            Assert.Equal(SwanSubnets, child.RemoteTs);
            IkeSaInfo theirs = Assert.Single(await lab.Swan.ListSasAsync());
            Assert.Equal((EngineInterop.SwanAddress, EngineInterop.EngineAddress), (theirs.LocalId, theirs.RemoteId));
            Assert.Single(lab.EventsOf(EngineEventType.IkeSaEstablished));
            Assert.Single(lab.EventsOf(EngineEventType.ChildSaEstablished));

            CommandResult terminate = await lab.Swan.TerminateIkeAsync("main", Timeout);
            Assert.True(terminate.Succeeded, terminate.ToString());
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Engine.ListSas().Count == 0, Timeout));
            Assert.Single(lab.EventsOf(EngineEventType.IkeSaDeleted));
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }
    [SkippableFact]
    public async Task BothInitiateAtOnce_OneIkeSaSurvivesOnBothSides_AndTheTunnelIsNeverReportedDown()
    {
        // what a restarted gateway meets when the customer's DPD restarts the tunnel at the same moment: two IKE SAs.
        // charon keeps duplicates; we delete the one holding the lowest nonce (at once if we created it, else after
        // DeleteTimeout), so both ends converge on one IKE SA whichever exchange won.
        await using EngineInterop lab = await EngineInterop.StartAsync([Swan()], extraAddresses: SwanSubnetHosts);
        try
        {
            lab.Engine.LoadConnection(Ours());

            Task<NegotiationResult> ours = lab.Engine.InitiateAsync("main");
            Task<CommandResult> theirs = lab.Swan.InitiateAsync(SaSelector.Child("main-child"), Timeout);
            await Task.WhenAll(ours.WaitAsync(Timeout), theirs);

            Assert.True((await ours).Established, (await ours).Failure?.Message);
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
                lab.Engine.ListSas().Count == 1 && (await lab.Swan.ListSasAsync()).Count == 1, TimeSpan.FromSeconds(20)), lab.Describe(60));
            IkeSaSnapshot survivor = Assert.Single(lab.Engine.ListSas());
            IkeSaInfo swanSurvivor = Assert.Single(await lab.Swan.ListSasAsync());
            Assert.Equal(($"{survivor.InitiatorSpi:x16}", $"{survivor.ResponderSpi:x16}"), (swanSurvivor.InitiatorSpi, swanSurvivor.ResponderSpi));
            Assert.NotEmpty(survivor.Children);
            Assert.Empty(lab.EventsOf(EngineEventType.IkeSaDeleted));
            Assert.Empty(lab.EventsOf(EngineEventType.ChildSaDeleted));
            output.WriteLine($"IKE SAs established: {lab.EventsOf(EngineEventType.IkeSaEstablished).Count}; survivor initiated by {(survivor.Initiator ? "us" : "charon")}");
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }
}
