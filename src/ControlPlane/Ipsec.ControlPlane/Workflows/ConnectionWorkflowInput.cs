namespace Ipsec.ControlPlane.Workflows;

/// <summary>
/// What an orchestration and its activities get: ids only. Settings and secrets stay in the store, so durable
/// history (which is stored in plain text) never holds a PSK, and every activity works on the current record.
/// </summary>
public sealed record ConnectionWorkflowInput(string AccountId, string ConnectionId, int Generation);

/// <summary>What a connection workflow reports when it ends (visible in the durable status API's output).</summary>
public sealed record ConnectionWorkflowResult(string ConnectionId, string ProvisioningState, string Detail);

/// <summary>Durable instance ids, derived from the connection so a retried request maps to the same instance.</summary>
public static class WorkflowInstanceIds
{
    public static string Create(string connectionId) => connectionId;
    public static string Update(string connectionId, int generation) => $"{connectionId}-update-{generation}";
    public static string Delete(string connectionId) => $"{connectionId}-delete";
    public static string Watch(string connectionId) => $"{connectionId}-watch";
    public static string Negotiate(string connectionId, string requestId) => $"{connectionId}-negotiate-{requestId}";
}
