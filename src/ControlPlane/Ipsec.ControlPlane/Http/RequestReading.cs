using System.Text.Json;
using Ipsec.ControlPlane.Access;
using Ipsec.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ipsec.ControlPlane.Http;

/// <summary>Authentication and body reading shared by every handler.</summary>
public static class RequestReading
{
    /// <summary>A request body larger than this is refused before it is parsed (a connection request is a few KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The key comes in the <c>x-functions-key</c> header or the <c>code</c> query parameter, as Azure Functions takes it.</summary>
    public static Caller? Authenticate(HttpRequest request, ApiKeyDirectory keys)
    {
        string? key = request.Headers["x-functions-key"].FirstOrDefault();
        if (string.IsNullOrEmpty(key)) key = request.Query["code"].FirstOrDefault();
        return keys.Resolve(key);
    }

    /// <summary>Reads a JSON object body, or returns the 400 to send.</summary>
    public static async Task<(JsonElement Body, IActionResult? Error)> ReadJsonObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return (default, TooLarge());
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return (default, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (default, ApiResults.Error(400, "MissingParameter.Body", null, "the request needs a JSON object body"));
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (default, ApiResults.Error(400, "InvalidParameter.Body", null, "the body must be a JSON object"));
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, ApiResults.Error(400, "InvalidParameter.Body", null, $"the body is not valid JSON: {e.Message}"));
        }
    }

    static IActionResult TooLarge() => ApiResults.Error(400, "InvalidParameter.Body", null, $"the body is larger than {MaxBodyBytes} bytes");

    public static IActionResult? ErrorsOf<T>(Validated<T> validated) => validated.IsValid ? null : ApiResults.From(validated.Errors);
}
