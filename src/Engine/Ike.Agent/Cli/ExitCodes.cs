namespace Ike.Agent.Cli;

/// <summary>The process's exit codes, as swanctl's: 0 done, 1 the command failed (a negotiation failed, the agent
/// refused, the config is invalid), 2 the command line itself is wrong.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
