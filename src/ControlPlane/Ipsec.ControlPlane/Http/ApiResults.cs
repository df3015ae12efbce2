using System.Text.Json;
using Ipsec.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Ipsec.ControlPlane.Http;

/// <summary>The API's responses, always JSON with the domain's spellings. Errors have the shape of PRODUCT.md section 6:
/// <c>{"code","field","message","errors":[...]}</c>.</summary>
public static class ApiResults
{
    /// <summary>The domain's spellings, written without escaping non-ASCII (names may be Chinese) or quotes: this is a JSON
    /// API read by programs and curl, never embedded in HTML.</summary>
    static readonly JsonSerializerOptions ResponseOptions = new(ApiJson.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IActionResult Json(object? value, int status = 200) => new JsonResult(value, ResponseOptions) { StatusCode = status };

    /// <summary>201 with the new resource and its <c>Location</c>.</summary>
    public static IActionResult Created(string location, object value) => new LocatedJsonResult(location, value, 201);

    /// <summary>202 with the durable management payload and the <c>Location</c> of the resource it works on.</summary>
    public static IActionResult Accepted(string location, object value) => new LocatedJsonResult(location, value, 202);

    public static IActionResult Error(int status, string code, string? field, string message) =>
        Errors(status, [new ApiError(code, field, message)]);

    public static IActionResult Errors(int status, IReadOnlyList<ApiError> errors)
    {
        var first = errors[0];
        return Json(new ErrorBody(first.Code, first.Field, first.Message,
            errors.Select(e => new ErrorItem(e.Code, e.Field, e.Message)).ToList()), status);
    }

    /// <summary>Maps validation errors to one status. A permission problem (allow-list) answers 403 before any 400, as
    /// an authorisation check comes before input validation; a missing resource 404, a conflict 409.</summary>
    public static IActionResult From(IReadOnlyList<ApiError> errors)
    {
        var kind = errors.Any(e => e.Kind == ErrorKind.Forbidden) ? ErrorKind.Forbidden
            : errors.Any(e => e.Kind == ErrorKind.Invalid) ? ErrorKind.Invalid
            : errors.Any(e => e.Kind == ErrorKind.NotFound) ? ErrorKind.NotFound
            : ErrorKind.Conflict;
        int status = kind switch { ErrorKind.Forbidden => 403, ErrorKind.NotFound => 404, ErrorKind.Conflict => 409, _ => 400 };
        return Errors(status, errors.Where(e => e.Kind == kind).ToList());
    }

    public static IActionResult NotFound(string resource, string id) =>
        Error(404, $"NotFound.{resource}", null, $"{resource} '{Truncate(id)}' does not exist");

    public static IActionResult Unauthorized() =>
        Error(401, "Unauthorized", null, "a valid key is required in the x-functions-key header or the code query parameter");

    public static IActionResult Conflict(string code, string message) => Error(409, code, null, message);

    static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";

    sealed class LocatedJsonResult(string location, object value, int status) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.Location = location;
            return Json(value, status).ExecuteResultAsync(context);
        }
    }

    sealed record ErrorBody(string Code, string? Field, string Message, IReadOnlyList<ErrorItem> Errors);
    sealed record ErrorItem(string Code, string? Field, string Message);
}
