using Ike.Engine.Api;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.Ikev1;

/// <summary>
/// Our engine against a real charon with IKEv1: main mode (IPv4 identities) and aggressive mode (FQDN identities) with a
/// pre-shared key, then quick mode; NAT-T vendor IDs, NAT-D, the float to the NAT-T port with the non-ESP marker and
/// UDP-encapsulated ESP (kernel-libipsec forces it); both roles; the IPsec SA installed on both sides with the same
/// SPIs and algorithms; then a Delete from either side.
/// </summary>
public sealed class Ikev1EstablishmentInteropTests(ITestOutputHelper output)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    static SwanV1Connection Swan(bool aggressive, string name = "v1") =>
        new(name, aggressive, "aes128-sha256-modp2048", "aes128-sha256");

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EngineInitiates_BothSidesInstallTheIpsecSa_AndAgreeOnSpisAndAlgorithms(bool aggressive)
    {
        SwanV1Connection swan = Swan(aggressive);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ikev1Lab.EngineConfig(swan, "aes/sha256/group14", "aes/sha256"));

            NegotiationResult result = await lab.Engine.InitiateAsync(swan.Name).WaitAsync(Timeout);

            Assert.True(result.Established, result.Failure?.Message);
            IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas());
            IkeSaInfo theirs = Assert.Single(await lab.Swan.ListSasAsync());
            Assert.True(theirs.IsEstablished, theirs.State);
            Assert.False(theirs.IsInitiator);
            Assert.Equal(($"{ours.InitiatorSpi:x16}", $"{ours.ResponderSpi:x16}"), (theirs.InitiatorSpi, theirs.ResponderSpi));
            Assert.Equal(("AES_CBC", 128, "MODP_2048"), (theirs.EncryptionAlgorithm, theirs.EncryptionKeySize, theirs.DhGroup));
            Assert.Equal((swan.RemoteId, swan.LocalId), (theirs.RemoteId, theirs.LocalId));
            Assert.True(ours.NatDetected);
            Assert.Equal(EngineInterop.EngineNatTPort, ours.Local.Port);

            ChildSaSnapshot child = Assert.Single(ours.Children);
            ChildSaInfo swanChild = Assert.Single(theirs.ChildSas);
            Assert.True(swanChild.IsInstalled, swanChild.State);
            Assert.True(swanChild.UdpEncapsulated);
            Assert.Equal(($"{child.InboundSpi:x8}", $"{child.OutboundSpi:x8}"), (swanChild.SpiOut, swanChild.SpiIn));
            Assert.Equal(("AES_CBC", 128, "HMAC_SHA2_256_128"), (swanChild.EncryptionAlgorithm, swanChild.EncryptionKeySize, swanChild.IntegrityAlgorithm));

            // INFORMATIONAL { HASH(1), D(ESP) } and { HASH(1), D(ISAKMP) } from us: charon drops both
            await lab.Engine.TerminateAsync(swan.Name).WaitAsync(Timeout);
            Assert.Empty(lab.Engine.ListSas());
            Assert.True(await EngineInterop.EventuallyAsync(async () => (await lab.Swan.ListSasAsync()).Count == 0, Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SwanInitiates_EngineResponds_AndCharonsDeleteRemovesOurSas(bool aggressive)
    {
        SwanV1Connection swan = Swan(aggressive);
        await using Ikev1Lab lab = await Ikev1Lab.StartAsync([swan]);
        try
        {
            lab.Engine.LoadConnection(Ikev1Lab.EngineConfig(swan, "aes/sha256/group14", "aes/sha256"));

            CommandResult initiated = await lab.Swan.InitiateAsync(SaSelector.Child(swan.Child), Timeout);

            Assert.True(initiated.Succeeded, $"{initiated}\n{lab.Describe()}");
            IkeSaSnapshot ours = await lab.OursWhenInstalledAsync(swan.Name, Timeout);
            Assert.Single(lab.Engine.ListSas());
            Assert.False(ours.Initiator);
            Assert.Equal("Established", ours.State);
            ChildSaSnapshot child = Assert.Single(ours.Children);
            IkeSaInfo theirs = Assert.Single(await lab.Swan.ListSasAsync());
            ChildSaInfo swanChild = Assert.Single(theirs.ChildSas);
            Assert.Equal(($"{child.InboundSpi:x8}", $"{child.OutboundSpi:x8}"), (swanChild.SpiOut, swanChild.SpiIn));

            await lab.Swan.TerminateIkeAsync(swan.Name, Timeout);
            Assert.True(await EngineInterop.EventuallyAsync(() => lab.Engine.ListSas().Count == 0, Timeout), lab.Describe());
        }
        finally
        {
            output.WriteLine(lab.Describe(120));
        }
    }
}
