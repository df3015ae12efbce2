using Ike.Engine.Api;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;
using Xunit;

namespace Interop.Tests.Ikev1;

/// <summary>Every combination of the product's algorithms (5 encryption × 5 hash × 4 groups) in main and aggressive mode
/// establishes the ISAKMP SA and the IPsec SA with strongSwan, our engine initiating; both sides report the same
/// algorithms and SPIs.</summary>
public sealed class Ikev1EngineInitiatorMatrixTests(Ikev1EngineInitiatorLab fixture) : IClassFixture<Ikev1EngineInitiatorLab>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string, bool> Cases => Ikev1Matrix.Cases();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Establishes(string combination, bool aggressive)
    {
        Ikev1Lab lab = fixture.Require();
        AlgorithmMatrix.Case c = AlgorithmMatrix.ByName(combination);
        string name = Ikev1MatrixLab.CaseName(c, aggressive);

        NegotiationResult result = await lab.Engine.InitiateAsync(name).WaitAsync(Timeout);

        Assert.True(result.Established, $"{c}: {result.Failure?.Message}\n{lab.Describe(30)}");
        IkeSaSnapshot ours = await lab.OursWhenInstalledAsync(name, Timeout);
        IkeSaInfo theirs = Assert.Single(await lab.Swan.ListSasAsync(), sa => sa.InitiatorSpi == $"{ours.InitiatorSpi:x16}");
        Ikev1Matrix.AssertSameAlgorithms(c, ours, theirs);

        await lab.Engine.TerminateAsync(name).WaitAsync(Timeout);
    }
}

/// <summary>The same 200 cases with strongSwan initiating and our engine responding.</summary>
public sealed class Ikev1EngineResponderMatrixTests(Ikev1EngineResponderLab fixture) : IClassFixture<Ikev1EngineResponderLab>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string, bool> Cases => Ikev1Matrix.Cases();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Establishes(string combination, bool aggressive)
    {
        Ikev1Lab lab = fixture.Require();
        AlgorithmMatrix.Case c = AlgorithmMatrix.ByName(combination);
        string name = Ikev1MatrixLab.CaseName(c, aggressive);

        CommandResult initiate = await lab.Swan.InitiateAsync(SaSelector.Child(name + "-child"), Timeout);

        Assert.True(initiate.Succeeded, $"{c}:\n{initiate}\n{lab.Log.Describe(30)}");
        IkeSaSnapshot ours = await lab.OursWhenInstalledAsync(name, Timeout);
        Assert.False(ours.Initiator);
        IkeSaInfo theirs = Assert.Single(await lab.Swan.ListSasAsync(), sa => sa.InitiatorSpi == $"{ours.InitiatorSpi:x16}");
        Ikev1Matrix.AssertSameAlgorithms(c, ours, theirs);

        await lab.Engine.TerminateAsync(name).WaitAsync(Timeout);
    }
}

/// <summary>The IKEv1 matrix's cases and what both sides must report for each.</summary>
public static class Ikev1Matrix
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (bool aggressive in new[] { false, true })
        {
            foreach (AlgorithmMatrix.Case c in AlgorithmMatrix.All)
            {
                data.Add(c.Name, aggressive);
            }
        }

        return data;
    }

    /// <summary>Both ISAKMP SAs established with the case's cipher, hash (as charon's PRF) and group; both IPsec SAs
    /// installed with the case's ESP algorithms and crossing SPIs.</summary>
    public static void AssertSameAlgorithms(AlgorithmMatrix.Case c, IkeSaSnapshot ours, IkeSaInfo theirs)
    {
        Assert.Equal("Established", ours.State);
        Assert.True(theirs.IsEstablished, theirs.State);
        Assert.Equal($"{c.Enc.Swan}/{c.Auth.Swan}/{c.Dh.Swan}", ours.Algorithms);
        Assert.Equal((c.Enc.SwanName, c.Enc.KeySize, c.Auth.SwanPrf, c.Dh.SwanName),
            (theirs.EncryptionAlgorithm, theirs.EncryptionKeySize, theirs.PrfAlgorithm, theirs.DhGroup));
        ChildSaSnapshot child = Assert.Single(ours.Children);
        Assert.Equal($"{c.Enc.Swan}/{c.Auth.Swan}", child.Algorithms);
        ChildSaInfo swanChild = Assert.Single(theirs.ChildSas);
        Assert.True(swanChild.IsInstalled, swanChild.State);
        Assert.Equal((c.Enc.SwanName, c.Enc.KeySize, c.Auth.SwanIntegrity), (swanChild.EncryptionAlgorithm, swanChild.EncryptionKeySize, swanChild.IntegrityAlgorithm));
        Assert.Equal(($"{child.InboundSpi:x8}", $"{child.OutboundSpi:x8}"), (swanChild.SpiOut, swanChild.SpiIn));
    }
}
