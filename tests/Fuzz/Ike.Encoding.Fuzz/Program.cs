using Ike.Encoding.Fuzz;
using SharpFuzz;

// Usage:
//   Ike.Encoding.Fuzz --smoke N [--seed S] [--findings DIR]   N random + mutated seed inputs, no fuzzer needed
//   Ike.Encoding.Fuzz --libfuzzer                            under libFuzzer (libfuzzer-dotnet), after sharpfuzz instrumentation
//   Ike.Encoding.Fuzz                                        under AFL (afl-fuzz ... -- dotnet Ike.Encoding.Fuzz.dll)
// Any exception escaping FuzzTarget.Run is a finding: the codec must answer every input with a DecodeResult.
if (args.Length >= 2 && args[0] == "--smoke")
{
    long executions = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    int seed = OptionValue("--seed") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount;
    string findings = OptionValue("--findings") ?? "fuzz-findings";
    return SmokeRunner.Run(executions, seed, findings);
}

if (args.Length >= 1 && args[0] == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(span => FuzzTarget.Run(span));
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTarget.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;

string? OptionValue(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
