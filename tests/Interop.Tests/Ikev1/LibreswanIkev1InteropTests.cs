using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev1;

/// <summary>
/// Our engine against Libreswan 4.10's pluto with IKEv1: the ISAKMP SA in main mode (IPv4 identities) and aggressive
/// mode (FQDN identities) with either side initiating, and our DPD (RFC 3706) R-U-THERE acknowledged. pluto cannot
/// install IPsec SAs on this kernel (no ESP), so quick mode is not checked here, and pluto's own R-U-THERE never comes
/// (it runs DPD only for an installed IPsec SA); strongSwan covers both. pluto listens on
/// 127.0.0.3:500/4500, our engine on 127.0.0.1:500/4500: standard ports, no non-ESP marker until the NAT-T float.
/// </summary>
public sealed class LibreswanIkev1InteropTests(ITestOutputHelper output)
{
    const string PlutoAddress = "127.0.0.3";
    const string Psk = "libreswan-v1-psk-0123456789";
    const string PlutoFqdn = "ls.v1.test";
    const string EngineFqdn = "engine.v1.test";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    static readonly string PlutoConnections = $"""
        conn ls-main
            ikev2=no
            authby=secret
            left={PlutoAddress}
            leftupdown=%disabled
            right={EngineInterop.EngineAddress}
            ike=aes128-sha2_256;modp2048
            esp=aes128-sha2_256
            auto=add

        conn ls-aggr
            ikev2=no
            aggressive=yes
            authby=secret
            left={PlutoAddress}
            leftid=@{PlutoFqdn}
            leftupdown=%disabled
            right={EngineInterop.EngineAddress}
            rightid=@{EngineFqdn}
            ike=aes128-sha2_256;modp2048
            esp=aes128-sha2_256
            auto=add
        """;

    static readonly string PlutoSecrets = $"""
        {PlutoAddress} {EngineInterop.EngineAddress} : PSK "{Psk}"
        @{PlutoFqdn} @{EngineFqdn} : PSK "{Psk}"
        """;

    static ConnectionConfig Ours(bool aggressive, DpdConfig? dpd = null) => new(
        aggressive ? "ls-aggr" : "ls-main",
        aggressive ? IkeProtocol.Ikev1Aggressive : IkeProtocol.Ikev1Main,
        new IPEndPoint(IPAddress.Parse(EngineInterop.EngineAddress), 500),
        new IPEndPoint(IPAddress.Parse(PlutoAddress), 500),
        aggressive ? EngineFqdn : EngineInterop.EngineAddress,
        aggressive ? PlutoFqdn : PlutoAddress,
        new PreSharedKey(Psk),
        new IkeProposalConfig("aes", "sha256", "group14"),
        new ChildProposalConfig("aes", "sha256", null),
        [Subnet.Parse(EngineInterop.EngineAddress + "/32")],
        [Subnet.Parse(PlutoAddress + "/32")],
        TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), dpd, NatTraversal: true, StartAction.None);

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EngineInitiates_TheIsakmpSaIsEstablishedOnBothSides(bool aggressive)
    {
        await using PlutoEngineLab lab = await PlutoEngineLab.StartAsync(PlutoAddress, PlutoConnections, PlutoSecrets);
        try
        {
            lab.Engine.LoadConnection(Ours(aggressive));

            // pluto cannot install the IPsec SA here, so the initiate's quick mode does not complete: wait for phase 1
            _ = lab.Engine.InitiateAsync(Ours(aggressive).Name);

            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Has(EngineEventType.IkeSaEstablished), Timeout), lab.Describe());
            IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas());
            Assert.Equal(("Established", true), (ours.State, ours.Initiator));
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
                (await lab.Pluto.ShowStatesAsync()).Contains(aggressive ? "STATE_AGGR_R2" : "STATE_MAIN_R3", StringComparison.Ordinal), Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlutoInitiates_WeRespond_AndTheIsakmpSaIsEstablishedOnBothSides(bool aggressive)
    {
        await using PlutoEngineLab lab = await PlutoEngineLab.StartAsync(PlutoAddress, PlutoConnections, PlutoSecrets);
        try
        {
            lab.Engine.LoadConnection(Ours(aggressive));

            CommandResult initiated = await lab.Pluto.WhackAsync("--name", Ours(aggressive).Name, "--initiate", "--asynchronous");

            Assert.True(initiated.Succeeded, initiated.ToString());
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Has(EngineEventType.IkeSaEstablished), Timeout), lab.Describe());
            IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas());
            Assert.Equal(("Established", false), (ours.State, ours.Initiator));
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
                (await lab.Pluto.ShowStatesAsync()).Contains(aggressive ? "STATE_AGGR_I2" : "STATE_MAIN_I4", StringComparison.Ordinal), Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dpd_PlutoAcknowledgesOurRUThere(bool aggressive)
    {
        await using PlutoEngineLab lab = await PlutoEngineLab.StartAsync(PlutoAddress, PlutoConnections, PlutoSecrets);
        try
        {
            lab.Engine.LoadConnection(Ours(aggressive, new DpdConfig(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))));
            _ = lab.Engine.InitiateAsync(Ours(aggressive).Name);
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Has(EngineEventType.IkeSaEstablished), Timeout), lab.Describe());

            Assert.True(await EngineInterop.EventuallyAsync(
                () => lab.Log.Lines.Count(l => l.Contains("R-U-THERE-ACK received", StringComparison.Ordinal)) >= 2, Timeout), lab.Describe());
            Assert.False(lab.Has(EngineEventType.PeerDead));
            Assert.Equal("Established", Assert.Single(lab.Engine.ListSas()).State);
        }
        finally
        {
            output.WriteLine(lab.Describe());
        }
    }
}
