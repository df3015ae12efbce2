using Ike.Encoding.V2;

namespace Ike.Encoding.Fuzz;

/// <summary>Which codec a run exercises: its seeds, its target and what a plausible header of its version looks like.</summary>
/// <param name="Name">For the report.</param>
/// <param name="BuildSeeds">Well-formed datagrams to mutate.</param>
/// <param name="Run">Runs the target on one input and names the outcome (throws on a finding).</param>
/// <param name="VersionOctet">The header's version octet (0x20 for IKEv2, 0x10 for ISAKMP).</param>
/// <param name="ExchangeTypes">Exchange types a random datagram gets, so it passes the header checks; null keeps IKEv2's 34–37.</param>
/// <param name="EncryptedBlockSize">ISAKMP: block size to align E-flag mutations to (see <see cref="Mutator"/>); null for IKEv2.</param>
public sealed record FuzzMode(
    string Name,
    Func<IReadOnlyList<byte[]>> BuildSeeds,
    Func<byte[], string> Run,
    byte VersionOctet,
    byte[]? ExchangeTypes,
    int? EncryptedBlockSize = null)
{
    public static FuzzMode Ikev2 { get; } = new("IKEv2", SeedCorpus.Build, input => Describe(FuzzTarget.Run(input)), 0x20, null);

    public static FuzzMode Ikev1 { get; } = new(
        "IKEv1/ISAKMP", IsakmpSeedCorpus.Build, input => IsakmpFuzzTarget.Describe(IsakmpFuzzTarget.Run(input)), 0x10, [2, 4, 5, 32, 33],
        EncryptedBlockSize: 16);

    private static string Describe(DecodeResult result) => result.Status switch
    {
        DecodeStatus.Malformed => $"Malformed({result.MalformedReason})",
        DecodeStatus.RuleViolation => $"RuleViolation({result.RuleViolation!.Kind})",
        _ => result.Status.ToString(),
    };
}
