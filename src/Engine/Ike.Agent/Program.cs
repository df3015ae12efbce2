using System.Runtime.InteropServices;
using Ike.Agent.Cli;
using Ike.Agent.Hosting;

// SIGTERM (systemd, docker stop, kill) and SIGINT (Ctrl-C) end `run` gracefully and `ctl watch` quietly. The
// default action (immediate exit) is cancelled so the agent can tell its peers before it goes.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

return await AgentCli.RunAsync(args, Console.Out, Console.Error, EngineFactory.Production, Environment.GetEnvironmentVariable, stop.Token);
