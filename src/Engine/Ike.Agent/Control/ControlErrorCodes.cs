namespace Ike.Agent.Control;

/// <summary>The <c>error.code</c> values of the control protocol. Clients branch on these, never on messages.</summary>
public static class ControlErrorCodes
{
    /// <summary>Not JSON, not an object, a field of the wrong type, a missing or extra argument.</summary>
    public const string BadRequest = "bad-request";
    public const string UnknownCommand = "unknown-command";

    /// <summary>A request line longer than <see cref="ControlProtocol.MaxLineBytes"/>; the agent closes the connection.</summary>
    public const string LineTooLong = "line-too-long";
    public const string UnknownConnection = "unknown-connection";

    /// <summary>The command's time ran out; what the engine had started goes on (an initiate may still succeed).</summary>
    public const string Timeout = "timeout";

    /// <summary><c>load</c> found the file invalid; nothing was changed.</summary>
    public const string ConfigInvalid = "config-invalid";
    public const string EngineError = "engine-error";
    public const string ShuttingDown = "shutting-down";

    /// <summary>Too many clients at once; try again.</summary>
    public const string Busy = "busy";

    /// <summary>Client side only: no agent answers at the socket path.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>Client side only: the agent's answer was not a valid response.</summary>
    public const string Protocol = "protocol";
}
