namespace Ike.Engine.Api;

public enum EngineEventType
{
    IkeSaEstablished, ChildSaEstablished, IkeSaRekeyed, ChildSaRekeyed, IkeSaDeleted, ChildSaDeleted,
    NegotiationFailed, PeerDead, TrafficTriggered,
    /// <summary>The health check's probes failed <c>retry</c> times in a row (PRODUCT.md section 5).</summary>
    HealthCheckFailed,
    /// <summary>A probe succeeded again (or for the first time) after the connection was unhealthy (or unknown).</summary>
    HealthCheckRecovered,
}

/// <summary>
/// Something the control plane records: which connection, what happened, and for failures a diagnostic a network
/// engineer can act on, naming the exchange, the side and what did not match, e.g.
/// "IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048".
/// </summary>
public sealed record EngineEvent(string Connection, EngineEventType Type, string Detail, DateTimeOffset At, NegotiationDiagnostic? Diagnostic = null);

/// <summary>Why a negotiation failed. <see cref="Exchange"/> e.g. "IKE_SA_INIT", <see cref="Side"/> "local" when we
/// refused, "peer" when the peer refused (its notify), "network" for timeouts.</summary>
public sealed record NegotiationDiagnostic(string Exchange, string Side, string Reason, string Message)
{
    public override string ToString() => Message;
}
