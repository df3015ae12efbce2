using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;

namespace Ike.Engine.Tests.Config;

/// <summary>Proposal selection (RFC 7296 §2.7, §3.3) as tables: offers in strongSwan-like shorthand, expected choice.</summary>
public sealed class ProposalSelectorTests
{
    static readonly AlgorithmOffer Ours = AlgorithmOffer.ForIke(new IkeProposalConfig("aes", "sha256", "group14"));

    /// <summary>"12/128,5,12,14" = ENCR 12 keylen 128, PRF 5, INTEG 12, DH 14; ';' separates proposals.</summary>
    static SaPayload Ike(string proposals) => new([.. proposals.Split(';').Select((p, i) =>
    {
        string[] f = p.Split(',');
        var transforms = new List<Transform>();
        foreach (string e in f[0].Split('|'))
        {
            string[] idLen = e.Split('/');
            transforms.Add(idLen.Length == 2
                ? Transform.WithKeyLength(TransformType.Encryption, ushort.Parse(idLen[0]), ushort.Parse(idLen[1]))
                : new Transform(TransformType.Encryption, ushort.Parse(idLen[0])));
        }

        transforms.AddRange(f[1].Split('|').Select(x => new Transform(TransformType.PseudorandomFunction, ushort.Parse(x))));
        transforms.AddRange(f[2].Split('|').Select(x => new Transform(TransformType.Integrity, ushort.Parse(x))));
        transforms.AddRange(f[3].Split('|').Select(x => new Transform(TransformType.DiffieHellmanGroup, ushort.Parse(x))));
        return Proposal.ForIkeSaInit((byte)(i + 1), transforms);
    })]);

    [Theory]
    [InlineData("12/128,5,12,14", 1, "aes/sha256/modp2048")]
    [InlineData("12/256,2,2,2;12/128,5,12,14", 2, "aes/sha256/modp2048")]               // first acceptable proposal wins
    [InlineData("12/256|12/128,2|5,2|12,2|14", 1, "aes/sha256/modp2048")]                // first acceptable transform per type
    [InlineData("3|12/128,1|5,1|12,5|14", 1, "aes/sha256/modp2048")]
    public void SelectIke_PicksTheFirstAcceptableProposalAndTransforms(string offered, byte number, string suite)
    {
        IkeSelection? selection = ProposalSelector.SelectIke(Ours, Ike(offered));

        Assert.NotNull(selection);
        Assert.Equal(suite, selection.Suite.ToString());
        Assert.Equal(number, selection.Answer.Number);
        // §3.3: the answer holds exactly one transform of each type
        Assert.Equal(4, selection.Answer.Transforms.Count);
        Assert.Equal(4, selection.Answer.Transforms.Select(t => t.Type).Distinct().Count());
    }

    [Theory]
    [InlineData("12/256,5,12,14", "aes256 is not aes (128-bit key)")]
    [InlineData("12,5,12,14", "AES without Key Length is no algorithm at all (§3.3.5)")]
    [InlineData("12/128,2,2,2", "sha1 / modp1024")]
    [InlineData("12/128,5,12,2", "the group differs")]
    [InlineData("20/128,5,12,14", "AES-GCM is not in the product")]
    public void SelectIke_RefusesWhatWeDoNotAccept(string offered, string why)
    {
        Assert.True(ProposalSelector.SelectIke(Ours, Ike(offered)) is null, why);
    }

    [Fact]
    public void SelectIke_SkipsATransformWithAnUnknownAttribute()
    {
        // §3.3.6: an attribute we do not understand rejects that transform, not the proposal
        var odd = new Transform(TransformType.Encryption, 12, [TransformAttribute.KeyLength(128), TransformAttribute.Fixed(99, 1)]);
        var proposal = Proposal.ForIkeSaInit(1, [odd, Transform.WithKeyLength(TransformType.Encryption, 12, 128),
            new Transform(TransformType.PseudorandomFunction, 5), new Transform(TransformType.Integrity, 12), new Transform(TransformType.DiffieHellmanGroup, 14)]);

        IkeSelection? selection = ProposalSelector.SelectIke(Ours, new SaPayload([proposal]));

        Assert.NotNull(selection);
        Assert.DoesNotContain(selection.Answer.Transforms.Single(t => t.Type == TransformType.Encryption).Attributes, a => a.AttributeType == 99);
    }

    [Fact]
    public void BuildAndAccept_RoundTrip_OurOwnProposalAnsweredBySelection()
    {
        AlgorithmOffer offer = AlgorithmOffer.ForIke(new IkeProposalConfig("aes256,aes", "sha512,sha256", "group14,group2"));
        Proposal built = ProposalSelector.BuildIkeProposal(offer);

        IkeSelection selection = ProposalSelector.SelectIke(Ours, new SaPayload([built]))!;
        IkeSuite? accepted = ProposalSelector.AcceptIke(offer, new SaPayload([selection.Answer]), out _);

        Assert.Equal("aes/sha256/modp2048", accepted?.ToString());
    }

    [Theory]
    [InlineData(2, "two proposals")]
    [InlineData(0, "foreign transform")]
    public void AcceptIke_RefusesAnAnswerThatBreaksSection27(int variant, string why)
    {
        Proposal good = ProposalSelector.SelectIke(Ours, new SaPayload([ProposalSelector.BuildIkeProposal(Ours)]))!.Answer;
        SaPayload answer = variant == 2
            ? new SaPayload([good, good with { Number = 2 }])
            : new SaPayload([good with { Transforms = [.. good.Transforms.Select(t => t.Type == TransformType.DiffieHellmanGroup ? new Transform(t.Type, 2) : t)] }]);

        Assert.True(ProposalSelector.AcceptIke(Ours, answer, out _) is null, why);
    }

    static readonly AlgorithmOffer Esp = AlgorithmOffer.ForChild(new ChildProposalConfig("aes", "sha256", null));
    static readonly AlgorithmOffer EspPfs = AlgorithmOffer.ForChild(new ChildProposalConfig("aes", "sha256", "group14"));

    static SaPayload Child(bool withGroup, ushort group = 14, bool withNone = false, ushort esn = 0)
    {
        var transforms = new List<Transform>
        {
            Transform.WithKeyLength(TransformType.Encryption, 12, 128),
            new(TransformType.Integrity, 12),
        };
        if (withGroup)
        {
            transforms.Add(new Transform(TransformType.DiffieHellmanGroup, group));
        }

        if (withNone)
        {
            transforms.Add(new Transform(TransformType.DiffieHellmanGroup, 0));
        }

        transforms.Add(new Transform(TransformType.ExtendedSequenceNumbers, esn));
        return new SaPayload([Proposal.ForChildSa(1, IpsecProtocolId.Esp, 0x11223344, transforms)]);
    }

    [Theory]
    [InlineData(DhRule.Ignore, true, false, 0, true, "IKE_AUTH ignores D-H (§1.2)")]
    [InlineData(DhRule.Required, true, false, 0, true, "PFS both sides")]
    [InlineData(DhRule.Required, false, false, 0, false, "we want PFS, the peer offers none")]
    [InlineData(DhRule.Forbidden, true, false, 0, false, "the peer insists on PFS, we have none")]
    [InlineData(DhRule.Forbidden, true, true, 0, true, "the peer allows NONE")]
    [InlineData(DhRule.Forbidden, false, false, 0, true, "neither side")]
    [InlineData(DhRule.Ignore, false, false, 1, false, "ESN only: our ESP has 32-bit sequence numbers")]
    public void SelectChild_FollowsTheDhRuleOfTheExchange(DhRule rule, bool withGroup, bool withNone, ushort esn, bool accepted, string why)
    {
        AlgorithmOffer ours = rule == DhRule.Required ? EspPfs : Esp;

        ChildSelection? selection = ProposalSelector.SelectChild(ours, Child(withGroup, withNone: withNone, esn: esn), rule, 0x55667788);

        Assert.True(accepted == selection is not null, why);
        if (selection is not null)
        {
            Assert.Equal(0x11223344u, selection.PeerSpi);
            Assert.True(selection.Answer.TryGetChildSpi(out uint spi) && spi == 0x55667788);
        }
    }

    [Fact]
    public void Describe_NamesThePeersOfferInTheIssuesWording()
    {
        Assert.Equal("aes256/sha1/modp1024", TransformNames.Describe(Ike("12/256,2,2,2")));
        Assert.Equal("aes256|aesgcm16128/sha1/modp1024|ecp256", TransformNames.Describe(Ike("12/256|20/128,2,2,2|19")));
        Assert.Equal("aes/sha256/modp2048", Ours.ToString());
    }
}
