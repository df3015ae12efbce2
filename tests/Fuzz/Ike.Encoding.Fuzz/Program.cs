using Ike.Encoding.Fuzz;
using SharpFuzz;

// Usage:
//   Ike.Encoding.Fuzz --smoke N [--seed S] [--findings DIR] [--v1]   N random + mutated seed inputs, no fuzzer needed
//   Ike.Encoding.Fuzz --libfuzzer [--v1]                            under libFuzzer (libfuzzer-dotnet), after sharpfuzz instrumentation
//   Ike.Encoding.Fuzz [--v1]                                        under AFL (afl-fuzz ... -- dotnet Ike.Encoding.Fuzz.dll)
// --v1 fuzzes the IKEv1/ISAKMP codec (IsakmpFuzzTarget) instead of the IKEv2 one (FuzzTarget).
// Any exception escaping the target is a finding: the codec must answer every input with a decode result.
bool v1 = Array.IndexOf(args, "--v1") >= 0;
if (args.Length >= 2 && args[0] == "--smoke")
{
    long executions = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    int seed = OptionValue("--seed") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount;
    string findings = OptionValue("--findings") ?? "fuzz-findings";
    return SmokeRunner.Run(executions, seed, findings, v1 ? FuzzMode.Ikev1 : FuzzMode.Ikev2);
}

if (args.Length >= 1 && args[0] == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(span =>
    {
        if (v1)
        {
            IsakmpFuzzTarget.Run(span);
        }
        else
        {
            FuzzTarget.Run(span);
        }
    });
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    ReadOnlySpan<byte> input = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
    if (v1)
    {
        IsakmpFuzzTarget.Run(input);
    }
    else
    {
        FuzzTarget.Run(input);
    }
});
return 0;

string? OptionValue(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
