namespace Ike.Agent.Control.Views;

/// <summary>Why a command failed: a stable <see cref="Code"/> (see ControlErrorCodes) and a message.</summary>
public sealed record ErrorView(string Code, string Message);
