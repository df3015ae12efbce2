namespace Interop.Tests.Peers;

/// <summary>How to start one charon. Two peers in one network namespace need distinct ports: charon binds the
/// wildcard address on both, and swanctl.conf's local_addrs picks the address it speaks from.</summary>
public sealed record StrongSwanPeerOptions
{
    /// <summary>Short label for the state directory and diagnostics: 1-16 of [a-z0-9-].</summary>
    public required string Name { get; init; }

    /// <summary>charon.port: IKE (500 by default; anything else makes every IKE packet carry the non-ESP marker).</summary>
    public required int IkePort { get; init; }

    /// <summary>charon.port_nat_t: IKE after the port float and ESP-in-UDP (4500 by default).</summary>
    public required int NatTraversalPort { get; init; }

    /// <summary>The swanctl.conf text (connections and secrets) loaded right after start.</summary>
    public required string SwanctlConf { get; init; }

    /// <summary>Log level of the ike, cfg, chd, knl and net groups (-1 silent ... 4 raw); 2 shows every exchange.</summary>
    public int LogLevel { get; init; } = 2;

    /// <summary>More settings for the <c>charon { }</c> section, in strongswan.conf syntax (e.g. "fragment_size = 1280").</summary>
    public string ExtraCharonSettings { get; init; } = "";

    /// <summary>How long charon may take until its vici socket answers.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long charon may take to shut down after SIGTERM before it is SIGKILLed.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Name) || Name.Length > 16 || !Name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            throw new ArgumentException($"peer name '{Name}' must be 1-16 of [a-z0-9-]", nameof(Name));
        if (IkePort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(IkePort), IkePort, "not a UDP port");
        if (NatTraversalPort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(NatTraversalPort), NatTraversalPort, "not a UDP port");
        if (IkePort == NatTraversalPort) throw new ArgumentException("IKE and NAT-T ports must differ", nameof(NatTraversalPort));
        if (LogLevel is < -1 or > 4) throw new ArgumentOutOfRangeException(nameof(LogLevel), LogLevel, "-1..4");
        if (string.IsNullOrWhiteSpace(SwanctlConf)) throw new ArgumentException("swanctl.conf text is empty", nameof(SwanctlConf));
    }
}
