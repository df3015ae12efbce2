using Ipsec.ControlPlane.Access;
using Ipsec.ControlPlane.Connections;
using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Workflows;
using Ipsec.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Ipsec.ControlPlane.Http;

/// <summary>
/// IPsec connections: create, list, get, modify, delete. Thin: each handler authenticates, reads, validates through the
/// domain rules and starts a durable orchestration; the orchestrations do the work. Long operations answer 202 with the
/// durable management payload, the new <c>connectionId</c> and any warnings.
/// </summary>
public sealed class ConnectionHandlers(ApiKeyDirectory keys, ConnectionStore connections, ConnectionSubmission submission,
    ConnectionContextLoader contexts, SecretProtector secrets, IManagementPayloadFactory payloads,
    Certificates.CaCertificateLibrary caLibrary, PskPeerSideLoader peerSides, TimeProvider clock)
{
    /// <summary>The 202 body: the management payload's fields plus the connection's id and the request's warnings.</summary>
    public sealed record AcceptedBody(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri,
        string PurgeHistoryDeleteUri, string SuspendPostUri, string ResumePostUri, string ConnectionId, IReadOnlyList<ApiWarning> Warnings);

    public async Task<IActionResult> CreateAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var (body, error) = await RequestReading.ReadJsonObjectAsync(request, ct);
        if (error is not null) return error;
        var parsed = RequestReader.ReadConnection(body);
        if (RequestReading.ErrorsOf(parsed) is { } invalidJson) return invalidJson;
        var outcome = await submission.SubmitCreateAsync(accountId, parsed.Value!, client, ct);
        if (!outcome.Accepted) return ApiResults.From(outcome.Errors);
        return Accepted(request, client, outcome.InstanceId!, outcome.ConnectionId!, outcome.Warnings);
    }

    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        string? gatewayId = request.Query["vpnGatewayId"].FirstOrDefault();
        if (gatewayId is not null && !Ids.IsWellFormed(gatewayId))
            return ApiResults.Error(400, "InvalidParameter.VpnGatewayId", "vpnGatewayId", "not a well-formed gateway id");
        var list = await connections.ListAsync(accountId, gatewayId, ct);
        return ApiResults.Json(new { connections = list.Select(r => ConnectionView.From(r, psk: null)).ToList() });
    }

    public async Task<IActionResult> GetAsync(HttpRequest request, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var current = await connections.GetAsync(accountId, id, ct);
        if (current is null) return ApiResults.NotFound("Connection", id);
        var r = current.Record;
        string? psk = r.ProtectedPsk is null ? null : secrets.Unprotect(r.ProtectedPsk, SecretOwners.Connection(r.AccountId, r.ConnectionId));
        var result = ApiResults.Json(ConnectionView.From(r, psk));
        request.HttpContext.Response.Headers.ETag = current.ETag.ToString("H");
        return result;
    }

    /// <summary>
    /// PATCH: absent fields keep their values. The rules are re-checked on the merged settings (e.g. several subnets
    /// while switching to IKEv1; BGP cannot be switched off; the allow-list on every switch). The write is conditional on
    /// the version read (and on the client's If-Match when given), so of two concurrent modifications one gets 409.
    /// </summary>
    public async Task<IActionResult> ModifyAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var (body, error) = await RequestReading.ReadJsonObjectAsync(request, ct);
        if (error is not null) return error;
        var parsed = RequestReader.ReadConnection(body);
        if (RequestReading.ErrorsOf(parsed) is { } invalidJson) return invalidJson;
        var patch = parsed.Value!;
        (patch, var unknownCertificate) = await caLibrary.ResolveAsync(accountId, patch, ct);
        if (unknownCertificate is not null) return ApiResults.From([unknownCertificate]);

        var current = await connections.GetAsync(accountId, id, ct);
        if (current is null) return ApiResults.NotFound("Connection", id);
        if (request.Headers.IfMatch.FirstOrDefault() is string ifMatch && ifMatch != current.ETag.ToString("H"))
            return ApiResults.Conflict("Conflict.ConcurrentModification", "the connection changed since you read it (If-Match does not match)");
        var record = current.Record;
        if (record.ProvisioningState is not (ProvisioningState.Active or ProvisioningState.Failed))
            return ApiResults.Conflict($"IncorrectState.{ApiNames.Of(record.ProvisioningState)}",
                $"the connection is {ApiNames.Of(record.ProvisioningState)}; modify it when that finishes");
        if (patch.VpnGatewayId is not null && patch.VpnGatewayId != record.Settings.VpnGatewayId)
            return ApiResults.Error(400, "InvalidParameter.VpnGatewayId.Immutable", "vpnGatewayId", "a connection cannot move to another VPN gateway");

        var context = await contexts.LoadAsync(accountId, record.Settings.VpnGatewayId, patch.CustomerGatewayId ?? record.Settings.CustomerGatewayId, id, ct);
        var validated = ConnectionRules.ValidateModify(record.Settings, patch, context);
        if (!validated.IsValid) return ApiResults.From(validated.Errors);
        if (context.Gateway is not null && Certificates.RemoteCaRule.Check(validated.Value!, context.Gateway.Kind, clock) is { } certificateError)
            return ApiResults.From([certificateError]);
        var now = clock.GetUtcNow();
        var next = record with
        {
            Settings = validated.Value!,
            ProtectedPsk = patch.Psk is null ? record.ProtectedPsk : secrets.Protect(patch.Psk, SecretOwners.Connection(accountId, id)),
            Warnings = validated.Warnings,
            Generation = record.Generation + 1,
            ProvisioningState = ProvisioningState.Updating,
        };
        next = next.WithChange("provisioningState", ApiNames.Of(record.ProvisioningState), ApiNames.Of(ProvisioningState.Updating), "modify requested", now);
        try { await connections.ReplaceAsync(next, current.ETag, ct); }
        catch (ConcurrencyConflictException e) { return ApiResults.Conflict("Conflict.ConcurrentModification", e.Message); }

        string instanceId = WorkflowInstanceIds.Update(id, next.Generation);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(UpdateConnectionOrchestrator),
            new ConnectionWorkflowInput(accountId, id, next.Generation), new StartOrchestrationOptions(instanceId), ct);
        return Accepted(request, client, instanceId, id, validated.Warnings);
    }

    /// <summary>DELETE: marks the connection deleting and starts the delete orchestration. Deleting twice returns the same
    /// orchestration.</summary>
    public async Task<IActionResult> DeleteAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var current = await connections.GetAsync(accountId, id, ct);
        if (current is null) return ApiResults.NotFound("Connection", id);
        var record = current.Record;
        string instanceId = WorkflowInstanceIds.Delete(id);
        if (record.ProvisioningState is ProvisioningState.Creating or ProvisioningState.Updating)
            return ApiResults.Conflict($"IncorrectState.{ApiNames.Of(record.ProvisioningState)}",
                $"the connection is {ApiNames.Of(record.ProvisioningState)}; delete it when that finishes");
        if (record.ProvisioningState != ProvisioningState.Deleting)
        {
            var next = record.WithChange("provisioningState", ApiNames.Of(record.ProvisioningState), ApiNames.Of(ProvisioningState.Deleting),
                "delete requested", clock.GetUtcNow()) with { ProvisioningState = ProvisioningState.Deleting };
            try { await connections.ReplaceAsync(next, current.ETag, ct); }
            catch (ConcurrencyConflictException e) { return ApiResults.Conflict("Conflict.ConcurrentModification", e.Message); }
        }
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null)
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(DeleteConnectionOrchestrator),
                new ConnectionWorkflowInput(accountId, id, record.Generation), new StartOrchestrationOptions(instanceId), ct);
        return Accepted(request, client, instanceId, id, []);
    }

    /// <summary><c>POST /api/connections/{id}/negotiate</c>: start negotiating now (for connections that wait for traffic, or
    /// to retry after a failure). 202 with the management payload of the negotiate workflow; the status follows.</summary>
    public async Task<IActionResult> NegotiateAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        var current = await connections.GetAsync(accountId, id, ct);
        if (current is null) return ApiResults.NotFound("Connection", id);
        var record = current.Record;
        if (record.ProvisioningState is not ProvisioningState.Active)
            return ApiResults.Conflict($"IncorrectState.{ApiNames.Of(record.ProvisioningState)}",
                $"the connection is {ApiNames.Of(record.ProvisioningState)}; negotiate when it is active");
        string instanceId = WorkflowInstanceIds.Negotiate(id, Guid.NewGuid().ToString("N")[..12]);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(NegotiateConnectionOrchestrator),
            new ConnectionWorkflowInput(accountId, id, record.Generation), new StartOrchestrationOptions(instanceId), ct);
        return Accepted(request, client, instanceId, id, []);
    }

    /// <summary>
    /// <c>GET /api/connections/{id}/peer-config?format=strongswan</c>: the customer gateway's configuration, matching the
    /// connection exactly (algorithms, IDs, PSK, subnets, DPD, lifetimes), as text. It contains the PSK, like GET.
    /// </summary>
    public async Task<IActionResult> PeerConfigAsync(HttpRequest request, string id, CancellationToken ct)
    {
        if (Account(request) is not string accountId) return ApiResults.Unauthorized();
        string format = request.Query["format"].FirstOrDefault() ?? "strongswan";
        if (format != "strongswan")
            return ApiResults.Error(400, "InvalidParameter.Format", "format", "supported formats: strongswan");
        var (lookup, peer) = await peerSides.LoadAsync(accountId, id, ct);
        switch (lookup)
        {
            case PskPeerSideLookup.NotFound: return ApiResults.NotFound("Connection", id);
            case PskPeerSideLookup.SmGateway:
                return ApiResults.Error(400, "UnsupportedOperation.SmPeerConfig", "format", "strongSwan has no SM (national-crypto) transforms, so an sm connection has no strongSwan configuration");
            case PskPeerSideLookup.PskNotProvisioned:
                return ApiResults.Conflict("IncorrectState.PskNotProvisioned", "the connection's PSK is not provisioned yet; try again when it is active");
        }
        string text = peer!.StrongSwanConf;
        return new ContentResult { Content = text, ContentType = "text/plain; charset=utf-8", StatusCode = 200 };
    }

    string? Account(HttpRequest request) => RequestReading.Authenticate(request, keys)?.AccountId;

    IActionResult Accepted(HttpRequest request, DurableTaskClient client, string instanceId, string connectionId, IReadOnlyList<ApiWarning> warnings)
    {
        var p = payloads.Create(request, client, instanceId);
        return ApiResults.Accepted($"/api/connections/{connectionId}", new AcceptedBody(p.Id, p.StatusQueryGetUri, p.SendEventPostUri,
            p.TerminatePostUri, p.PurgeHistoryDeleteUri, p.SuspendPostUri, p.ResumePostUri, connectionId, warnings));
    }
}
