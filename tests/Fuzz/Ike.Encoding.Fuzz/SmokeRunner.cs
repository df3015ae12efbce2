using System.Diagnostics;
using Ike.Encoding.V2;

namespace Ike.Encoding.Fuzz;

/// <summary>
/// Runs the fuzz target on random and mutated seed inputs without AFL or libFuzzer, so it works anywhere
/// (CI, a developer laptop). It has no coverage feedback: it is a smoke test, not a replacement for AFL.
/// </summary>
public static class SmokeRunner
{
    private const int MaxSavedFindings = 20;

    public static int Run(long executions, int seed, string findingsDirectory)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random);
        IReadOnlyList<byte[]> seeds = SeedCorpus.Build();
        var outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var findings = new Dictionary<string, long>(StringComparer.Ordinal);
        int saved = 0;
        var clock = Stopwatch.StartNew();

        for (long i = 0; i < executions; i++)
        {
            byte[] input = random.Next(10) == 0 ? mutator.RandomDatagram() : mutator.Mutate(seeds);
            try
            {
                DecodeResult result = FuzzTarget.Run(input);
                string key = result.Status switch
                {
                    DecodeStatus.Malformed => $"Malformed({result.MalformedReason})",
                    DecodeStatus.RuleViolation => $"RuleViolation({result.RuleViolation!.Kind})",
                    _ => result.Status.ToString(),
                };
                outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            }
            catch (Exception e)
            {
                string signature = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
                findings[signature] = findings.GetValueOrDefault(signature) + 1;
                if (saved < MaxSavedFindings)
                {
                    Directory.CreateDirectory(findingsDirectory);
                    File.WriteAllText(Path.Combine(findingsDirectory, $"finding-{saved++:D2}.txt"), $"{e}\n\n{Convert.ToHexStringLower(input)}\n");
                }
            }
        }

        clock.Stop();
        Console.WriteLine($"executions: {executions}, seconds: {clock.Elapsed.TotalSeconds:F1}, exec/s: {executions / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}, seed: {seed}");
        Console.WriteLine("outcomes:");
        foreach ((string outcome, long count) in outcomes)
        {
            Console.WriteLine($"  {count,10}  {outcome}");
        }

        Console.WriteLine($"findings: {findings.Values.Sum()} ({findings.Count} distinct)");
        foreach ((string signature, long count) in findings)
        {
            Console.WriteLine($"  {count,10}  {signature}");
        }

        if (saved > 0)
        {
            Console.WriteLine($"inputs saved in {Path.GetFullPath(findingsDirectory)}");
        }

        return findings.Count == 0 ? 0 : 1;
    }
}
