using System.Globalization;
using Ike.Engine.Fuzz;

// Usage: Ike.Engine.Fuzz [--seconds N] [--executions N] [--seed S] [--findings DIR]
// Feeds random, mutated and authentic-but-hostile datagrams to an IKEv2 initiator and responder (in memory, fake
// clock). Exit code 1 when anything was found: an exception escaping into the engine loop, a hang, or table growth.
int seconds = Option("--seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 60;
long executions = Option("--executions") is { } e ? long.Parse(e, CultureInfo.InvariantCulture) : long.MaxValue;
int seed = Option("--seed") is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : Environment.TickCount;
string findings = Option("--findings") ?? "engine-fuzz-findings";

TrafficCapture capture = await TrafficCapture.RecordAsync();
Console.WriteLine($"seeds: {capture.IkeDatagrams.Count} IKE datagrams ({capture.Messages.Count} decoded), {capture.EspDatagrams.Count} ESP");
return await new EngineFuzzRunner(seed, capture, findings).RunAsync(executions, TimeSpan.FromSeconds(seconds), seed);

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
