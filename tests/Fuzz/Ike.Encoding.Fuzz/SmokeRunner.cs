using System.Diagnostics;

namespace Ike.Encoding.Fuzz;

/// <summary>
/// Runs the fuzz target on random and mutated seed inputs without AFL or libFuzzer, so it works anywhere
/// (CI, a developer laptop). It has no coverage feedback: it is a smoke test, not a replacement for AFL.
/// </summary>
public static class SmokeRunner
{
    private const int MaxSavedFindings = 20;

    public static int Run(long executions, int seed, string findingsDirectory) => Run(executions, seed, findingsDirectory, FuzzMode.Ikev2);

    public static int Run(long executions, int seed, string findingsDirectory, FuzzMode mode)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random, mode.VersionOctet, mode.ExchangeTypes, mode.EncryptedBlockSize);
        IReadOnlyList<byte[]> seeds = mode.BuildSeeds();
        var outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var findings = new Dictionary<string, long>(StringComparer.Ordinal);
        int saved = 0;
        var clock = Stopwatch.StartNew();

        for (long i = 0; i < executions; i++)
        {
            byte[] input = random.Next(10) == 0 ? mutator.RandomDatagram() : mutator.Mutate(seeds);
            try
            {
                string key = mode.Run(input);
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
        Console.WriteLine($"target: {mode.Name}, executions: {executions}, seconds: {clock.Elapsed.TotalSeconds:F1}, exec/s: {executions / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}, seed: {seed}");
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
