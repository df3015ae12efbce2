using System.Text.Json;
using System.Text.Json.Nodes;
using Ipsec.ControlPlane.Access;
using Ipsec.ControlPlane.Connections;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Queues;

/// <summary>
/// Handles one creation request from the <c>connection-requests</c> queue: the connection JSON of
/// <c>POST /api/connections</c> plus <c>keyId</c>, the id of one of the account's API keys (never the key itself).
/// It goes through exactly the same validation and submission as HTTP. An invalid message is moved to
/// <c>connection-requests-errors</c> with the reason; nothing is dropped silently. The copy in the error queue has
/// its PSK masked, and the message is never logged, because it may carry a PSK.
/// </summary>
public sealed partial class CreationRequestConsumer(ApiKeyDirectory keys, ConnectionSubmission submission, StorageClients storage,
    TimeProvider clock, ILogger<CreationRequestConsumer> log)
{
    /// <summary>What lands on the error queue.</summary>
    public sealed record RejectedRequest(string Code, string? Field, string Message, IReadOnlyList<ApiError> Errors, JsonNode? Request, DateTimeOffset RejectedAt);

    /// <summary>The result of one message (for the caller's log and for tests).</summary>
    public sealed record Result(bool Accepted, string? ConnectionId, string? ErrorCode);

    public async Task<Result> HandleAsync(string messageText, DurableTaskClient client, CancellationToken ct)
    {
        JsonNode? node;
        try { node = messageText.Length > Http.RequestReading.MaxBodyBytes ? null : JsonNode.Parse(messageText, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException) { node = null; }
        if (node is not JsonObject body)
            return await RejectAsync([new ApiError("InvalidParameter.Body", null, "the message is not a JSON object (or is larger than 64 KiB)")], null, ct);

        string? keyId = body["keyId"] is JsonValue v && v.TryGetValue<string>(out var k) ? k : null;
        body.Remove("keyId");
        string? accountId = keys.AccountForKeyId(keyId);
        if (accountId is null)
            return await RejectAsync([new ApiError(keyId is null ? "MissingParameter.KeyId" : "InvalidParameter.KeyId", "keyId",
                "the message must name the id of one of the account's API keys in keyId")], body, ct);

        var parsed = RequestReader.ReadConnection(JsonSerializer.SerializeToElement(body));
        if (!parsed.IsValid) return await RejectAsync(parsed.Errors, body, ct);
        var outcome = await submission.SubmitCreateAsync(accountId, parsed.Value!, client, ct);
        if (!outcome.Accepted) return await RejectAsync(outcome.Errors, body, ct);
        LogAccepted(log, outcome.ConnectionId!, accountId, outcome.Existing);
        return new Result(true, outcome.ConnectionId, null);
    }

    async Task<Result> RejectAsync(IReadOnlyList<ApiError> errors, JsonObject? request, CancellationToken ct)
    {
        if (request?["psk"] is not null) request["psk"] = "***";
        var first = errors[0];
        var rejected = new RejectedRequest(first.Code, first.Field, first.Message, errors, request, clock.GetUtcNow());
        await storage.Queue(StorageNames.RequestErrorsQueue).SendMessageAsync(JsonSerializer.Serialize(rejected, ApiJson.Options), ct);
        LogRejected(log, first.Code, first.Field);
        return new Result(false, null, first.Code);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "queued create accepted: connection {ConnectionId} for account {AccountId} (existing: {Existing})")]
    static partial void LogAccepted(ILogger log, string connectionId, string accountId, bool existing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "queued create rejected with {Code} on field {Field}; moved to the error queue")]
    static partial void LogRejected(ILogger log, string code, string? field);
}
