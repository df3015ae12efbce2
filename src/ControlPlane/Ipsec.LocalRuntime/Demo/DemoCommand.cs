using System.Diagnostics;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>The outcome of one host command the demo runs (ip, swanctl).</summary>
sealed record DemoCommandResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
    public override string ToString() => $"exit {ExitCode}: {Error.Trim()} {Output.Trim()}".Trim();
}

/// <summary>Runs a host program with a deadline; a program that overruns it is killed and reported, not waited for.</summary>
static class DemoCommand
{
    public static async Task<DemoCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new DemoPeerException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try { await process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new DemoCommandResult(-1, await output, $"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:F0} s");
        }
        return new DemoCommandResult(process.ExitCode, await output, await error);
    }
}

/// <summary>The demo customer gateway cannot do what was asked; the message says why and what to do.</summary>
sealed class DemoPeerException(string message) : Exception(message);
