using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ike.Agent.Client;
using Ike.Agent.Control;

namespace Ike.Agent.Cli;

/// <summary>
/// <c>ipsec-agent ctl [--control SOCKET] [--json] COMMAND ...</c>: one command to a running agent through
/// <see cref="AgentControlClient"/>. Commands: <c>load</c>, <c>list-conns</c>, <c>initiate NAME [--timeout S]</c>,
/// <c>terminate NAME [--timeout S]</c>, <c>list-sas [NAME]</c>, <c>probe NAME --from IP --to IP [--timeout S]</c>,
/// <c>watch</c>. Exit 0 when it worked; 1 when the agent refused or the outcome is a failure (a negotiation that did
/// not establish, with the engine's diagnostic; a probe without reply); 2 for a wrong command line.
/// </summary>
public static class CtlCommand
{
    public static readonly IReadOnlySet<string> ValueOptions = new HashSet<string> { "--control", "--timeout", "--from", "--to" };
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--json" };

    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error, Func<string, string?> environment,
        TimeProvider time, CancellationToken ct)
    {
        if (args.Positional.Count == 0) throw new UsageException("ctl needs a command: " + ControlCommandNames.All);
        string commandName = args.Positional[0];
        if (!ControlCommandNames.TryParse(commandName, out var command))
            throw new UsageException($"unknown command \"{commandName}\"; commands: {ControlCommandNames.All}");
        string socket = args.Value("--control") ?? environment(ControlProtocol.SocketEnvironmentVariable) ?? ControlProtocol.DefaultSocketPath;
        bool json = args.Flag("--json");
        var client = new AgentControlClient(socket);
        var request = Request(command, args);

        try
        {
            switch (command)
            {
                case ControlCommand.Load:
                    var load = await client.LoadAsync(request.Timeout, ct);
                    await Print(output, json, load, ControlJson.Default.LoadView, TextOutput.Load);
                    return load.Failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
                case ControlCommand.ListConns:
                    await Print(output, json, await client.ListConnectionsAsync(ct), ControlJson.Default.IReadOnlyListConnectionView, TextOutput.Connections);
                    return ExitCodes.Ok;
                case ControlCommand.ListSas:
                    var now = time.GetUtcNow();
                    await Print(output, json, await client.ListSasAsync(request.Name, ct), ControlJson.Default.IReadOnlyListIkeSaView, sas => TextOutput.Sas(sas, now));
                    return ExitCodes.Ok;
                case ControlCommand.Initiate:
                    var initiated = await client.InitiateAsync(request.Name!, request.Timeout, ct);
                    await Print(output, json, initiated, ControlJson.Default.InitiateView, TextOutput.Initiate);
                    return initiated.Established ? ExitCodes.Ok : ExitCodes.Failed;
                case ControlCommand.Terminate:
                    await Print(output, json, await client.TerminateAsync(request.Name!, request.Timeout, ct), ControlJson.Default.TerminateView, TextOutput.Terminate);
                    return ExitCodes.Ok;
                case ControlCommand.Probe:
                    var probe = await client.ProbeAsync(request.Name!, request.From!, request.To!, request.Timeout, ct);
                    await Print(output, json, probe, ControlJson.Default.ProbeView, TextOutput.Probe);
                    return probe.Replied ? ExitCodes.Ok : ExitCodes.Failed;
                default:
                    try
                    {
                        await foreach (var e in client.WatchAsync(ct))
                        {
                            await Print(output, json, e, ControlJson.Default.EventView, TextOutput.Event);
                            await output.FlushAsync(ct);
                        }
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                    }
                    return ExitCodes.Ok;
            }
        }
        catch (ControlCommandException e)
        {
            await error.WriteLineAsync($"ipsec-agent ctl {commandName}: {e.Message} ({e.Code})");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Builds the request the words describe, checking them as the agent would, so a usage error is caught
    /// here (exit 2) and not reported as a refused command (exit 1).</summary>
    internal static ControlRequest Request(ControlCommand command, CliArguments args)
    {
        var words = args.Positional.Skip(1).ToList();
        bool takesName = command is ControlCommand.Initiate or ControlCommand.Terminate or ControlCommand.Probe or ControlCommand.ListSas;
        bool needsName = takesName && command != ControlCommand.ListSas;
        string name = ControlCommandNames.NameOf(command);
        if (words.Count > (takesName ? 1 : 0)) throw new UsageException($"{name} takes {(takesName ? "one connection name" : "no arguments")}");
        if (needsName && words.Count == 0) throw new UsageException($"{name} needs a connection name");
        bool takesTimeout = command is ControlCommand.Initiate or ControlCommand.Terminate or ControlCommand.Probe or ControlCommand.Load;
        if (!takesTimeout && args.Value("--timeout") is not null) throw new UsageException($"{name} takes no --timeout");
        IPAddress? from = null, to = null;
        if (command == ControlCommand.Probe)
        {
            from = Address(args, "--from");
            to = Address(args, "--to");
        }
        else if (args.Value("--from") is not null || args.Value("--to") is not null)
            throw new UsageException($"{name} takes no --from/--to");
        return new ControlRequest(command, words.Count > 0 ? words[0] : null, from, to, args.Seconds("--timeout"));
    }

    private static IPAddress Address(CliArguments args, string option)
    {
        string text = args.Required(option);
        if (Ipsec.Domain.Ipv4Address.TryParse(text, out var address)) return IPAddress.Parse(address.ToString());
        throw new UsageException($"{option} must be an IPv4 address, not \"{text}\"");
    }

    private static async Task Print<T>(TextWriter output, bool json, T value, JsonTypeInfo<T> type, Func<T, string> text)
    {
        if (json) await output.WriteLineAsync(JsonSerializer.Serialize(value, type));
        else await output.WriteAsync(text(value));
    }
}
