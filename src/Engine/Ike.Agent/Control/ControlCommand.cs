namespace Ike.Agent.Control;

/// <summary>The commands of the control protocol, with their wire names and default time limits.</summary>
public enum ControlCommand { Load, ListConns, Initiate, Terminate, ListSas, Probe, Watch }

public static class ControlCommandNames
{
    private static readonly (ControlCommand Command, string Name)[] Names =
    [
        (ControlCommand.Load, "load"), (ControlCommand.ListConns, "list-conns"), (ControlCommand.Initiate, "initiate"),
        (ControlCommand.Terminate, "terminate"), (ControlCommand.ListSas, "list-sas"), (ControlCommand.Probe, "probe"),
        (ControlCommand.Watch, "watch"),
    ];

    public static string All { get; } = string.Join(", ", Names.Select(n => n.Name));

    public static string NameOf(ControlCommand command) => Names.First(n => n.Command == command).Name;

    public static bool TryParse(string name, out ControlCommand command)
    {
        foreach (var entry in Names)
        {
            if (entry.Name != name) continue;
            command = entry.Command;
            return true;
        }
        command = default;
        return false;
    }

    /// <summary>How long a command may take when the request gives no <c>timeoutSeconds</c>. An initiate covers
    /// IKE_SA_INIT and IKE_AUTH with retransmissions (RFC 7296 §2.1); a probe is one echo and its reply.</summary>
    public static TimeSpan DefaultTimeout(ControlCommand command) => command switch
    {
        ControlCommand.Initiate or ControlCommand.Terminate => TimeSpan.FromSeconds(30),
        ControlCommand.Probe => TimeSpan.FromSeconds(5),
        ControlCommand.Load => TimeSpan.FromSeconds(60),
        _ => TimeSpan.FromSeconds(10),
    };
}
