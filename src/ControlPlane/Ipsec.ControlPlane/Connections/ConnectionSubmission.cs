using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Workflows;
using Ipsec.Domain;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Ipsec.ControlPlane.Connections;

/// <summary>
/// The start of the create workflow, shared by the HTTP route and the queue trigger: validate → persist (connection
/// and client token in one transaction, PSK encrypted) → schedule the durable orchestration whose instance id is the
/// connection id. A retried create with the same client token lands on the same connection and re-schedules its
/// orchestration only if it never started (which heals a crash between persisting and scheduling).
/// </summary>
public sealed class ConnectionSubmission(ConnectionContextLoader contexts, ConnectionStore connections, SecretProtector secrets, WatchSettings watch,
    Certificates.CaCertificateLibrary caLibrary, TimeProvider clock)
{
    public sealed record Outcome(IReadOnlyList<ApiError> Errors, string? ConnectionId, string? InstanceId,
        IReadOnlyList<ApiWarning> Warnings, bool Existing)
    {
        public bool Accepted => Errors.Count == 0;
    }

    public async Task<Outcome> SubmitCreateAsync(string accountId, ConnectionRequest request, DurableTaskClient client, CancellationToken ct)
    {
        // remoteCaCertificate may name a CA certificate the account holds with the service; the connection keeps its PEM
        (request, var unknownCertificate) = await caLibrary.ResolveAsync(accountId, request, ct);
        if (unknownCertificate is not null) return Rejected([unknownCertificate]);
        var context = await contexts.LoadAsync(accountId, request.VpnGatewayId, request.CustomerGatewayId, null, ct);
        var validated = ConnectionRules.ValidateCreate(request, context);
        if (!validated.IsValid) return Rejected(validated.Errors);
        var settings = validated.Value!;
        if (Certificates.RemoteCaRule.Check(settings, context.Gateway!.Kind, clock) is { } certificateError) return Rejected([certificateError]);

        string connectionId = Ids.New("ipsec");
        DateTimeOffset now = clock.GetUtcNow();
        var record = new ConnectionRecord(
            connectionId, accountId, settings,
            ProtectedPsk: request.Psk is null ? null : secrets.Protect(request.Psk, SecretOwners.Connection(accountId, connectionId)),
            Status: TunnelStatus.IkeSaNotEstablished,
            ProvisioningState: ProvisioningState.Creating,
            StatusReason: "connection is being created",
            History: [], TotalChanges: 0, AppliedSteps: [],
            Warnings: validated.Warnings, ClientToken: request.ClientToken,
            CreatedAt: now, UpdatedAt: now, Generation: 1);
        record = record.WithChange("provisioningState", null, ApiNames.Of(ProvisioningState.Creating), "create requested", now);

        var inserted = await connections.InsertAsync(record, Fingerprint(settings, request.Psk), ct);
        if (inserted.Inserted is null)
        {
            if (!inserted.SameRequest)
                return Rejected([new ApiError("IdempotentParameterMismatch", "clientToken",
                    "this client token was already used for a create with different parameters", ErrorKind.Conflict)]);
            var existing = await connections.GetAsync(accountId, inserted.ExistingConnectionId!, ct);
            if (existing is null)
                return Rejected([new ApiError("IdempotentParameterMismatch", "clientToken",
                    "this client token belonged to a connection that has since been deleted", ErrorKind.Conflict)]);
            await EnsureScheduledAsync(client, existing.Record, ct);
            await EnsureWatchedAsync(client, existing.Record.AccountId, existing.Record.ConnectionId, watch, ct);
            return new Outcome([], existing.Record.ConnectionId, WorkflowInstanceIds.Create(existing.Record.ConnectionId), existing.Record.Warnings, Existing: true);
        }

        await EnsureScheduledAsync(client, record, ct);
        await EnsureWatchedAsync(client, accountId, connectionId, watch, ct);
        return new Outcome([], connectionId, WorkflowInstanceIds.Create(connectionId), validated.Warnings, Existing: false);
    }

    /// <summary>Schedules the create orchestration unless an instance with its id already exists.</summary>
    public static async Task EnsureScheduledAsync(DurableTaskClient client, ConnectionRecord record, CancellationToken ct)
    {
        string instanceId = WorkflowInstanceIds.Create(record.ConnectionId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is not null) return;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(CreateConnectionOrchestrator),
                new ConnectionWorkflowInput(record.AccountId, record.ConnectionId, record.Generation),
                new StartOrchestrationOptions(instanceId), ct);
        }
        catch (Exception)
        {
            // A concurrent retry may have scheduled it first: the instance existing is all this method promises.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null) throw;
        }
    }

    /// <summary>Starts the connection's watch loop unless it is already there (its instance id is fixed per connection).</summary>
    public static async Task EnsureWatchedAsync(DurableTaskClient client, string accountId, string connectionId, WatchSettings watch, CancellationToken ct)
    {
        string instanceId = WorkflowInstanceIds.Watch(connectionId);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct);
        if (existing is not null && !existing.IsCompleted) return;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ConnectionWatchOrchestrator),
                new WatchInput(accountId, connectionId, watch.IntervalSeconds), new StartOrchestrationOptions(instanceId), ct);
        }
        catch (Exception)
        {
            var now = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct);
            if (now is null || now.IsCompleted) throw;
        }
    }

    static Outcome Rejected(IReadOnlyList<ApiError> errors) => new(errors, null, null, [], false);

    /// <summary>What makes two creates "the same request" for a client token: the validated settings and the PSK (hashed).</summary>
    static string Fingerprint(ConnectionSettings settings, string? psk)
    {
        string text = JsonSerializer.Serialize(settings, ApiJson.Options) + "|" +
            (psk is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(psk))));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
