using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev2;

/// <summary>
/// Our engine against Libreswan 4.10's pluto with IKEv2: IKE_SA_INIT + IKE_AUTH with PSK and FQDN identities, either
/// side initiating. This kernel has no ESP, so pluto cannot install the CHILD SA that rides in IKE_AUTH; RFC 7296
/// §1.2 keeps the IKE SA up when the CHILD SA fails, and that IKE SA is what is checked on both sides. pluto listens on
/// 127.0.0.4:500/4500, our engine on 127.0.0.1:16700/16701 (ports no other interop test uses; pluto is told our
/// port with rightikeport). IKE_SA_INIT is bare IKE (pluto's end is port 500); our engine forces UDP encapsulation
/// (userspace ESP), so it fakes its NAT-D source hash, both ends float (us to 16701, pluto to 4500) and from IKE_AUTH on
/// every IKE message carries the non-ESP marker (RFC 3948 §2.2, RFC 7296 §2.23).
/// </summary>
public sealed class LibreswanIkev2Tests(ITestOutputHelper output)
{
    const string PlutoAddress = "127.0.0.4";
    const int EngineIkePort = 16700;
    const int EngineNatTPort = 16701;
    const string Psk = "libreswan-v2-psk-0123456789";
    const string PlutoFqdn = "ls.v2.test";
    const string EngineFqdn = "engine.v2.test";
    const string ConnectionName = "ls-v2";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    static readonly string PlutoConnections = $"""
        conn {ConnectionName}
            ikev2=insist
            authby=secret
            left={PlutoAddress}
            leftid=@{PlutoFqdn}
            leftupdown=%disabled
            right={EngineInterop.EngineAddress}
            rightid=@{EngineFqdn}
            rightikeport={EngineIkePort}
            ike=aes128-sha2_256;modp2048
            esp=aes128-sha2_256
            auto=add
        """;

    static readonly string PlutoSecrets = $"""
        @{PlutoFqdn} @{EngineFqdn} : PSK "{Psk}"
        """;

    static ConnectionConfig Ours() => new(
        ConnectionName,
        IkeProtocol.Ikev2,
        new IPEndPoint(IPAddress.Parse(EngineInterop.EngineAddress), EngineIkePort),
        new IPEndPoint(IPAddress.Parse(PlutoAddress), 500),
        EngineFqdn,
        PlutoFqdn,
        new PreSharedKey(Psk),
        new IkeProposalConfig("aes", "sha256", "group14"),
        new ChildProposalConfig("aes", "sha256", null),
        [Subnet.Parse(EngineInterop.EngineAddress + "/32")],
        [Subnet.Parse(PlutoAddress + "/32")],
        TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), Dpd: null, NatTraversal: true, StartAction.None);

    [SkippableFact]
    public async Task EngineInitiates_TheIkeSaIsEstablishedOnBothSides_AndPlutoRefusesOnlyTheChildSa()
    {
        await using PlutoEngineLab lab = await PlutoEngineLab.StartAsync(PlutoAddress, PlutoConnections, PlutoSecrets, EngineIkePort, EngineNatTPort);
        try
        {
            lab.Engine.LoadConnection(Ours());

            // IKE_SA_INIT --> <-- ; IKE_AUTH { IDi, AUTH, SA, TSi, TSr } --> <-- { IDr, AUTH, N(TS_UNACCEPTABLE) }
            NegotiationResult result = await lab.Engine.InitiateAsync(ConnectionName).WaitAsync(Timeout);

            // the CHILD SA fails on pluto's kernel install (no ESP), and pluto answers TS_UNACCEPTABLE inside IKE_AUTH
            Assert.False(result.Established);
            Assert.Equal(("IKE_AUTH", "peer", "TS_UNACCEPTABLE"), (result.Failure?.Exchange, result.Failure?.Side, result.Failure?.Reason));
            Assert.True(lab.Has(EngineEventType.IkeSaEstablished), lab.Describe());
            IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas());
            Assert.Equal(("Established", true, 0), (ours.State, ours.Initiator, ours.Children.Count));
            Assert.Equal(("engine.v2.test", "ls.v2.test", "aes128/sha256/modp2048"), (ours.LocalId, ours.RemoteId, ours.Algorithms));

            // pluto keeps its IKE SA (RFC 7296 §1.2) after logging the refused kernel install
            Assert.True(await EngineInterop.EventuallyAsync(async () =>
                (await lab.Pluto.ShowStatesAsync()).Contains("STATE_V2_ESTABLISHED_IKE_SA", StringComparison.Ordinal), Timeout), lab.Describe());
            string log = lab.Pluto.ReadLog();
            Assert.Contains($"responder established IKE SA; authenticated peer using authby=secret and ID_FQDN '@{EngineFqdn}'", log);
            Assert.Contains("Protocol not supported (errno 93)", log);
        }
        finally
        {
            output.WriteLine(await lab.Pluto.ShowStatesAsync());
            output.WriteLine(lab.Describe());
        }
    }

    [SkippableFact]
    public async Task PlutoInitiates_WeRespond_AndTheIkeSaIsEstablishedOnBothSides_UntilPlutoFailsItsChildSaInstall()
    {
        await using PlutoEngineLab lab = await PlutoEngineLab.StartAsync(PlutoAddress, PlutoConnections, PlutoSecrets, EngineIkePort, EngineNatTPort);
        try
        {
            lab.Engine.LoadConnection(Ours());

            // Libreswan 4.10 cannot initiate childless (RFC 6023 is responder-only there), so its IKE_AUTH carries a
            // CHILD SA we accept; pluto then fails to install it, deletes its IKE SA without a notification and, since
            // the connection is meant to stay up, starts over. The first IKE SA is what is checked on both sides.
            CommandResult initiated = await lab.Pluto.WhackAsync("--name", ConnectionName, "--initiate", "--asynchronous");

            Assert.True(initiated.Succeeded, initiated.ToString());
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Has(EngineEventType.IkeSaEstablished), Timeout), lab.Describe());
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Pluto.ReadLog().Contains(
                $"initiator established IKE SA; authenticated peer using authby=secret and ID_FQDN '@{EngineFqdn}'", StringComparison.Ordinal), Timeout), lab.Describe());
            IkeSaSnapshot ours = lab.Engine.ListSas()[0];
            Assert.Equal(("Established", false), (ours.State, ours.Initiator));
            Assert.Equal(("engine.v2.test", "ls.v2.test", "aes128/sha256/modp2048"), (ours.LocalId, ours.RemoteId, ours.Algorithms));
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Pluto.ReadLog().Contains("CHILD SA encountered fatal error", StringComparison.Ordinal), Timeout),
                lab.Describe());
        }
        finally
        {
            // stop pluto's revival loop before the engine goes away
            await lab.Pluto.WhackAsync("--name", ConnectionName, "--down");
            output.WriteLine(await lab.Pluto.ShowStatesAsync());
            output.WriteLine(lab.Describe());
        }
    }
}
