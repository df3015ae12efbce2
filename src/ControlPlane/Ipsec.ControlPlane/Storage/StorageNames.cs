namespace Ipsec.ControlPlane.Storage;

/// <summary>Table and queue names; infra/main.bicep creates the same ones.</summary>
public static class StorageNames
{
    public const string AccountsTable = "Accounts";
    public const string VpnGatewaysTable = "VpnGateways";
    public const string CustomerGatewaysTable = "CustomerGateways";
    /// <summary>Connections and their client tokens share a table so that both rows are written in one transaction.</summary>
    public const string ConnectionsTable = "Connections";
    public const string RoutesTable = "Routes";
    /// <summary>The service's SM2 CA and the SM certificates bound to sm gateways (private keys encrypted).</summary>
    public const string CertificatesTable = "Certificates";

    public const string RequestsQueue = "connection-requests";
    public const string RequestErrorsQueue = "connection-requests-errors";
    public const string EventsQueue = "connection-events";
    /// <summary>Gateway agents' answers to commands, raised into the sending orchestrations (Engine/Remote).</summary>
    public const string EngineResultsQueue = "engine-results";
    /// <summary>Gateway agents' engine events (SA up/down, DPD, rekey, health), recorded by EngineEventRecorder.</summary>
    public const string EngineEventsQueue = "engine-events";
    /// <summary>Prefix of the per-gateway command queues (one per VPN gateway, created by whoever sends or reads first).</summary>
    public const string EngineCommandsQueuePrefix = "engine-commands-";

    public static readonly string[] Tables = [AccountsTable, VpnGatewaysTable, CustomerGatewaysTable, ConnectionsTable, RoutesTable, CertificatesTable];
    public static readonly string[] Queues = [RequestsQueue, RequestErrorsQueue, EventsQueue, EngineResultsQueue, EngineEventsQueue];
}
