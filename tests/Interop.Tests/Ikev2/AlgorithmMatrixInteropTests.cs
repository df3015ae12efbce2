using Ike.Engine.Api;
using Interop.Tests.Peers;
using Xunit;

namespace Interop.Tests.Ikev2;

/// <summary>Every combination of the product's IKE algorithms establishes the IKE SA and the CHILD SA with strongSwan,
/// our engine initiating (100 cases); both sides report the same algorithms and SPIs.</summary>
public sealed class EngineInitiatorMatrixTests(EngineInitiatorLab fixture) : IClassFixture<EngineInitiatorLab>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string> Cases => AlgorithmMatrix.Names();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Establishes(string name)
    {
        EngineInterop lab = fixture.Require();
        AlgorithmMatrix.Case c = AlgorithmMatrix.ByName(name);

        NegotiationResult result = await lab.Engine.InitiateAsync(name).WaitAsync(Timeout);

        Assert.True(result.Established, $"{c}: {result.Failure?.Message}\n{lab.Swan.Describe(30)}");
        IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas(), sa => sa.Connection == name);
        IkeSaInfo theirs = Assert.Single(await lab.Swan.ListSasAsync(), sa => sa.InitiatorSpi == $"{ours.InitiatorSpi:x16}");
        Assert.True(theirs.IsEstablished, theirs.State);
        Assert.Equal((c.Enc.SwanName, c.Enc.KeySize, c.Auth.SwanIntegrity, c.Auth.SwanPrf, c.Dh.SwanName),
            (theirs.EncryptionAlgorithm, theirs.EncryptionKeySize, theirs.IntegrityAlgorithm, theirs.PrfAlgorithm, theirs.DhGroup));
        ChildSaInfo child = Assert.Single(theirs.ChildSas);
        Assert.True(child.IsInstalled, child.State);
        Assert.Equal((c.Enc.SwanName, c.Enc.KeySize, c.Auth.SwanIntegrity), (child.EncryptionAlgorithm, child.EncryptionKeySize, child.IntegrityAlgorithm));
        Assert.Equal($"{Assert.Single(ours.Children).InboundSpi:x8}", child.SpiOut);

        await lab.Engine.TerminateAsync(name).WaitAsync(Timeout);
    }
}

/// <summary>The same 100 combinations with strongSwan initiating and our engine responding.</summary>
public sealed class EngineResponderMatrixTests(EngineResponderLab fixture) : IClassFixture<EngineResponderLab>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string> Cases => AlgorithmMatrix.Names();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Establishes(string name)
    {
        EngineInterop lab = fixture.Require();
        AlgorithmMatrix.Case c = AlgorithmMatrix.ByName(name);

        CommandResult initiate = await lab.Swan.InitiateAsync(SaSelector.Child(name + "-child"), Timeout);

        Assert.True(initiate.Succeeded, $"{c}:\n{initiate}");
        IkeSaSnapshot ours = Assert.Single(lab.Engine.ListSas(), sa => sa.Connection == name);
        Assert.False(ours.Initiator);
        string group = c.Dh.Swan;
        Assert.Equal($"{c.Enc.Swan}/{c.Auth.Swan}/{group}", ours.Algorithms);
        ChildSaSnapshot child = Assert.Single(ours.Children);
        Assert.Equal($"{c.Enc.Swan}/{c.Auth.Swan}", child.Algorithms);

        await lab.Engine.TerminateAsync(name).WaitAsync(Timeout);
    }
}
