using System.Diagnostics;
using System.Text;

namespace Ike.Agent.Tests.EndToEnd;

/// <summary><c>ipsec-agent run</c> as its own process (the build copies the agent next to the tests), its stderr log
/// collected as it comes so the pipe never fills.</summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private AgentProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log) log.AppendLine(e.Data);
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public static AgentProcess Start(string config, string socket)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "ipsec-agent.dll"), "run", "--config", config, "--control", socket })
            start.ArgumentList.Add(arg);
        return new AgentProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    /// <summary>What SIGTERM from an operator or a service manager does.</summary>
    public async Task SignalTerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task WaitForExitAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(deadline.Token);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
