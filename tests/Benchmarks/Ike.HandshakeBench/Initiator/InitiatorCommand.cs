using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ike.HandshakeBench.Measurement;

namespace Ike.HandshakeBench.Initiator;

/// <summary>
/// <c>initiate</c>: warm the responder up, then measure it over a fixed number of handshakes and print one RESULT line
/// (key=value) for handshake-bench.sh plus a readable summary. Snapshots of the responder's count, its CPU time and
/// its core's busy time are taken with nothing in flight, before and after the measured phase.
/// </summary>
internal static class InitiatorCommand
{
    public static int Run(CommandLine options)
    {
        string label = options.Text("label");
        string mode = options.Text("mode");
        if (mode is not ("ike" or "child"))
        {
            throw new ArgumentException("--mode is 'ike' (childless IKE_AUTH, RFC 6023) or 'child' (CHILD SA in IKE_AUTH)");
        }

        using var context = new InitiatorContext(
            options.Endpoint("local"), options.Endpoint("remote"), options.Text("local-id"),
            System.Text.Encoding.UTF8.GetBytes(options.Text("psk")), mode == "child",
            BenchSuite.SubnetSelector(options.Text("local-ts", "10.30.0.0/24")), BenchSuite.SubnetSelector(options.Text("remote-ts", "10.31.0.0/24")));
        int handshakes = options.Integer("handshakes", 6000);
        int warmup = options.Integer("warmup", 500);
        int concurrency = options.Integer("concurrency", 16);
        int responderPid = options.Integer("responder-pid", 0);
        int responderCore = options.Integer("responder-core", 0);
        int initiatorCore = options.Integer("initiator-core", 1);
        string? countCommand = options.Optional("count-cmd");
        var giveUp = TimeSpan.FromSeconds(options.Integer("give-up-seconds", 10));
        options.RejectUnknown();
        if (responderPid <= 0)
        {
            throw new ArgumentException("--responder-pid is required: the responder's CPU time is the measurement");
        }

        using var initiator = new LeanInitiator(context, giveUp);
        PhaseStats warm = initiator.Run(warmup, concurrency);
        if (warmup > 0 && warm.Established == 0)
        {
            Console.Error.WriteLine($"{label}/{mode}: no handshake succeeded during warm-up: {Describe(warm.Failures)}");
            return 2;
        }

        long countBefore = countCommand is null ? 0 : ResponderCount.Read(countCommand);
        double responderCpuBefore = ProcessCpu.Milliseconds(responderPid);
        double ownCpuBefore = ProcessCpu.Milliseconds(Environment.ProcessId);
        CoreBusy coreBefore = CoreBusy.Read(responderCore);
        CoreBusy initiatorCoreBefore = CoreBusy.Read(initiatorCore);
        var clock = Stopwatch.StartNew();

        PhaseStats measured = initiator.Run(handshakes, concurrency);

        double seconds = clock.Elapsed.TotalSeconds;
        CoreBusy coreAfter = CoreBusy.Read(responderCore);
        CoreBusy initiatorCoreAfter = CoreBusy.Read(initiatorCore);
        double ownCpu = ProcessCpu.Milliseconds(Environment.ProcessId) - ownCpuBefore;
        double responderCpu = ProcessCpu.Milliseconds(responderPid) - responderCpuBefore;
        long responderCount = countCommand is null ? measured.Established : ResponderCount.Read(countCommand) - countBefore;

        // the responder's count is the figure; the initiator's verified count must agree with it
        long counted = responderCount;
        var result = new StringBuilder("RESULT");
        Add(result, "responder", label);
        Add(result, "mode", mode);
        Add(result, "handshakes", counted);
        Add(result, "initiator_verified", measured.Established);
        Add(result, "failures", measured.FailureCount);
        Add(result, "seconds", seconds);
        Add(result, "rate", counted / seconds);
        Add(result, "responder_cpu_ms", responderCpu);
        Add(result, "cpu_ms_per_hs", counted == 0 ? double.NaN : responderCpu / counted);
        Add(result, "responder_core_share_pct", 100.0 * responderCpu / (seconds * 1000.0));
        Add(result, "core_busy_pct", coreBefore.BusyPercentUntil(coreAfter));
        Add(result, "capacity_per_core", counted == 0 ? double.NaN : counted * 1000.0 / responderCpu);
        Add(result, "initiator_cpu_ms_per_hs", measured.Established == 0 ? double.NaN : ownCpu / measured.Established);
        Add(result, "initiator_core_share_pct", 100.0 * ownCpu / (seconds * 1000.0));
        Add(result, "initiator_core_busy_pct", initiatorCoreBefore.BusyPercentUntil(initiatorCoreAfter));
        Add(result, "p50_ms", measured.LatencyPercentile(0.5));
        Add(result, "p99_ms", measured.LatencyPercentile(0.99));
        Add(result, "concurrency", concurrency);
        Console.WriteLine(result.ToString());
        if (measured.FailureCount > 0)
        {
            Console.WriteLine($"  failures: {Describe(measured.Failures)}");
        }

        if (counted != measured.Established)
        {
            Console.WriteLine($"  WARNING: the responder counted {counted}, the initiator verified {measured.Established}");
        }

        return measured.FailureCount == 0 && counted == measured.Established ? 0 : 1;
    }

    private static void Add(StringBuilder line, string key, object value) =>
        line.Append(' ').Append(key).Append('=').Append(value switch
        {
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        });

    private static string Describe(Dictionary<string, int> failures) =>
        failures.Count == 0 ? "none" : string.Join("; ", failures.Select(f => $"{f.Value}× {f.Key}"));
}
