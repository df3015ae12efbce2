namespace Ike.Agent.Control;

/// <summary>
/// The control socket's protocol: JSON lines over a Unix stream socket. Each request is one JSON object on one line,
/// <c>{"command":"initiate","name":"idc","timeoutSeconds":20}</c>, answered by one line
/// <c>{"ok":true,"result":{...}}</c> or <c>{"ok":false,"error":{"code":"...","message":"..."}}</c>. A <c>watch</c>
/// is answered with <c>{"ok":true,"result":{"watching":true}}</c> and then one <c>{"ok":true,"event":{...}}</c> line
/// per engine event until either side closes.
/// </summary>
public static class ControlProtocol
{
    /// <summary>Default socket path, as charon's <c>/var/run/charon.vici</c>.</summary>
    public const string DefaultSocketPath = "/run/ipsec-agent/control.sock";

    /// <summary>Environment variable naming the socket for <c>ipsec-agent ctl</c> when <c>--control</c> is not given.</summary>
    public const string SocketEnvironmentVariable = "IPSEC_AGENT_CONTROL";

    /// <summary>A request line is at most this many bytes (without its newline). Requests are small; this bounds what
    /// a client can make the agent buffer.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>A response line (the client's bound): a list of many SAs is far larger than a request.</summary>
    public const int MaxResponseLineBytes = 16 * 1024 * 1024;

    /// <summary>Clients served at once; more are answered <see cref="ControlErrorCodes.Busy"/> and closed.</summary>
    public const int MaxConcurrentClients = 32;

    /// <summary>A client that sends nothing for this long is disconnected (not while it watches).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Events a slow watcher may fall behind by before the oldest are dropped (the engine never waits).</summary>
    public const int WatchBacklog = 1024;

    public static readonly TimeSpan MaxCommandTimeout = TimeSpan.FromHours(1);
}
