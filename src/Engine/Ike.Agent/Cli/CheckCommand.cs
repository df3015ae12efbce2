using Ike.Agent.Configuration;
using Ike.Agent.Control.Views;

namespace Ike.Agent.Cli;

/// <summary><c>ipsec-agent check --config FILE</c>: parses and checks a configuration without running anything, and
/// prints its connections (as <c>ctl list-conns</c> would) and warnings. Exit 1 with every error when it is invalid.</summary>
public static class CheckCommand
{
    public static readonly IReadOnlySet<string> ValueOptions = new HashSet<string> { "--config" };

    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        if (args.Positional.Count > 0) throw new UsageException($"check takes no argument \"{args.Positional[0]}\"");
        AgentConfig config;
        try
        {
            config = AgentConfigReader.Load(args.Required("--config"), environment);
        }
        catch (AgentConfigException e)
        {
            await error.WriteLineAsync($"ipsec-agent: {e.Message}");
            return ExitCodes.Failed;
        }
        try
        {
            await output.WriteLineAsync($"listen: {string.Join(", ", config.Listen)}");
            await output.WriteAsync(TextOutput.Connections([.. config.Connections.Select(ConnectionView.From)]));
            foreach (string warning in config.Warnings) await output.WriteLineAsync($"warning: {warning}");
            return ExitCodes.Ok;
        }
        finally
        {
            config.DisposeSecrets();
        }
    }
}
