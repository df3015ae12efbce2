using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Ipsec.LocalRuntime;

/// <summary>Minimal APIs do not execute an MVC <see cref="IActionResult"/>; the shared handlers return one (as the
/// Functions ASP.NET Core integration expects), so run it here. Needs AddMvcCore() for the result executors.</summary>
static class ActionResultEndpoint
{
    public static async Task Run(HttpContext ctx, Task<IActionResult> result) =>
        await (await result).ExecuteResultAsync(new ActionContext(ctx, ctx.GetRouteData(), new ActionDescriptor()));
}
