using Ike.Agent.Hosting;

namespace Ike.Agent.Cli;

/// <summary>The <c>ipsec-agent</c> command line: <c>run</c>, <c>ctl</c>, <c>check</c>, <c>help</c>.</summary>
public static class AgentCli
{
    public const string Usage = """
        usage:
          ipsec-agent run --config FILE [--control SOCKET] [--log-level trace|debug|info|warning|error]
              run the agent in the foreground (logs on stderr); SIGTERM/SIGINT delete all SAs and exit
          ipsec-agent check --config FILE
              check a configuration file and print its connections
          ipsec-agent ctl [--control SOCKET] [--json] COMMAND
              load                                     re-read the configuration file
              list-conns                               the loaded connections
              initiate NAME [--timeout S]              negotiate the IKE SA and CHILD SA
              terminate NAME [--timeout S]             delete the connection's SAs
              list-sas [NAME]                          IKE and CHILD SAs with state and algorithms
              probe NAME --from IP --to IP [--timeout S]   ICMP echo through the CHILD SA
              watch                                    stream engine events until interrupted
            SOCKET defaults to $IPSEC_AGENT_CONTROL, else /run/ipsec-agent/control.sock
        exit codes: 0 ok, 1 the command failed, 2 usage
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, EngineFactory factory,
        Func<string, string?> environment, CancellationToken stop)
    {
        try
        {
            string verb = args.Length == 0 ? "" : args[0];
            var rest = args.Skip(1);
            switch (verb)
            {
                case "run":
                    return await RunCommand.RunAsync(CliArguments.Parse(rest, RunCommand.ValueOptions, new HashSet<string>()), factory, error, stop);
                case "check":
                    return await CheckCommand.RunAsync(CliArguments.Parse(rest, CheckCommand.ValueOptions, new HashSet<string>()), output, error, environment);
                case "ctl":
                    return await CtlCommand.RunAsync(CliArguments.Parse(rest, CtlCommand.ValueOptions, CtlCommand.Flags), output, error, environment, TimeProvider.System, stop);
                case "help" or "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return ExitCodes.Ok;
                default:
                    throw new UsageException(verb.Length == 0 ? "a command is required" : $"unknown command \"{verb}\"");
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"ipsec-agent: {e.Message}");
            await error.WriteLineAsync(Usage);
            return ExitCodes.Usage;
        }
    }
}
