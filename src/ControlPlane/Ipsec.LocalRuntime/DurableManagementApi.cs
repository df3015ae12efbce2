using System.Text.Json;
using Ipsec.ControlPlane.Access;
using Ipsec.ControlPlane.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Ipsec.LocalRuntime;

/// <summary>
/// Stand-in for the Functions host's built-in durable HTTP API, <c>/runtime/webhooks/durabletask/instances/{id}</c>:
/// status (202 while running, 200 when done, the same field names), raise event, terminate, suspend, resume, purge.
/// Like the host's API it needs a key; an account key may only see its own connections' instances.
/// </summary>
public static class DurableManagementApi
{
    public static void MapDurableManagementApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/runtime/webhooks/durabletask/instances/{instanceId}");
        g.MapGet("", async (HttpContext ctx, string instanceId, DurableTaskClient client, ApiKeyDirectory keys) =>
        {
            if (await Authorize(ctx, instanceId, client, keys) is { } denied) return denied;
            var md = (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!;
            bool running = md.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
            return Results.Json(StatusBody(md), statusCode: running ? 202 : 200);
        });
        g.MapPost("/raiseEvent/{eventName}", async (HttpContext ctx, string instanceId, string eventName, DurableTaskClient client, ApiKeyDirectory keys) =>
        {
            if (await Authorize(ctx, instanceId, client, keys) is { } denied) return denied;
            using var reader = new StreamReader(ctx.Request.Body);
            string body = await reader.ReadToEndAsync();
            object? data = null;
            if (!string.IsNullOrEmpty(body))
            {
                try { data = JsonDocument.Parse(body).RootElement; }
                catch (JsonException) { return Results.Json(new { code = "InvalidParameter.Body", message = "event data must be JSON" }, statusCode: 400); }
            }
            await client.RaiseEventAsync(instanceId, eventName, data);
            return Results.Accepted();
        });
        g.MapPost("/terminate", async (HttpContext ctx, string instanceId, string? reason, DurableTaskClient client, ApiKeyDirectory keys) =>
            await Authorize(ctx, instanceId, client, keys) ?? await Do(() => client.TerminateInstanceAsync(instanceId, reason)));
        g.MapPost("/suspend", async (HttpContext ctx, string instanceId, string? reason, DurableTaskClient client, ApiKeyDirectory keys) =>
            await Authorize(ctx, instanceId, client, keys) ?? await Do(() => client.SuspendInstanceAsync(instanceId, reason)));
        g.MapPost("/resume", async (HttpContext ctx, string instanceId, string? reason, DurableTaskClient client, ApiKeyDirectory keys) =>
            await Authorize(ctx, instanceId, client, keys) ?? await Do(() => client.ResumeInstanceAsync(instanceId, reason)));
        g.MapDelete("", async (HttpContext ctx, string instanceId, DurableTaskClient client, ApiKeyDirectory keys) =>
        {
            if (await Authorize(ctx, instanceId, client, keys) is { } denied) return denied;
            var purged = await client.PurgeInstanceAsync(instanceId);
            return purged.PurgedInstanceCount > 0 ? Results.Ok(new { instancesDeleted = purged.PurgedInstanceCount }) : Results.NotFound();
        });
    }

    static async Task<IResult> Do(Func<Task> action) { await action(); return Results.Accepted(); }

    /// <summary>The operator sees every instance; an account only the instances whose input names its account.</summary>
    static async Task<IResult?> Authorize(HttpContext ctx, string instanceId, DurableTaskClient client, ApiKeyDirectory keys)
    {
        var caller = RequestReading.Authenticate(ctx.Request, keys);
        if (caller is null) return Results.Json(new { code = "Unauthorized", message = "a valid key is required" }, statusCode: 401);
        var md = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (md is null) return Results.NotFound();
        if (caller.IsOperator) return null;
        try
        {
            using var input = JsonDocument.Parse(md.SerializedInput ?? "{}");
            if (input.RootElement.ValueKind == JsonValueKind.Object &&
                input.RootElement.EnumerateObject().Any(p => p.Name.Equals("accountId", StringComparison.OrdinalIgnoreCase)
                    && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == caller.AccountId)) return null;
        }
        catch (JsonException) { }
        return Results.NotFound();
    }

    /// <summary>The field names of the Durable Functions HTTP API's status response.</summary>
    public static object StatusBody(OrchestrationMetadata md) => new
    {
        name = md.Name,
        instanceId = md.InstanceId,
        runtimeStatus = md.RuntimeStatus.ToString(),
        input = ParseOrNull(md.SerializedInput),
        customStatus = ParseOrNull(md.SerializedCustomStatus),
        output = ParseOrNull(md.SerializedOutput),
        createdTime = md.CreatedAt,
        lastUpdatedTime = md.LastUpdatedAt,
    };

    static JsonElement? ParseOrNull(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonDocument.Parse(json).RootElement.Clone(); } catch (JsonException) { return null; }
    }
}
