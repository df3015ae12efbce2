using System.Diagnostics;

namespace Ike.Agent.Tests.EndToEnd;

/// <summary>Starts <c>ipsec-agent run</c> as its own process (the build copies the agent next to the tests).</summary>
internal static class AgentProcess
{
    public static Process Start(string config, string socket)
    {
        string agent = Path.Combine(AppContext.BaseDirectory, "ipsec-agent.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { agent, "run", "--config", config, "--control", socket }) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
