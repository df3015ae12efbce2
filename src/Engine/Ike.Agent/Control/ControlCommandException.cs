namespace Ike.Agent.Control;

/// <summary>A command the agent refuses or cannot complete, with the protocol's error code. Server side it becomes an
/// error line; client side <see cref="Client.AgentControlClient"/> throws it for every <c>"ok":false</c>.</summary>
public sealed class ControlCommandException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
