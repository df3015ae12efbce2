namespace Ipsec.LocalRuntime.Demo;

/// <summary>The demo customer gateway in the local runtime: services and routes (not part of the Functions app).</summary>
static class DemoRegistration
{
    public static IServiceCollection AddDemoCustomerGateways(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(DemoCustomerGatewayOptions.Section).Get<DemoCustomerGatewayOptions>() ?? new DemoCustomerGatewayOptions());
        services.AddSingleton<DemoCustomerGateways>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoCustomerGateways>());
        services.AddSingleton<DemoCustomerGatewayHandlers>();
        return services;
    }

    public static void MapDemoCustomerGateways(this WebApplication app, Func<HttpContext, Task<Microsoft.AspNetCore.Mvc.IActionResult>, Task> run)
    {
        const string route = "/api/demo/customer-gateways/{connectionId}";
        app.MapPost(route, (HttpContext c, string connectionId, DemoCustomerGatewayHandlers h) => run(c, h.StartAsync(c.Request, connectionId, c.RequestAborted)));
        app.MapGet(route, (HttpContext c, string connectionId, DemoCustomerGatewayHandlers h) => run(c, h.GetAsync(c.Request, connectionId, c.RequestAborted)));
        app.MapDelete(route, (HttpContext c, string connectionId, DemoCustomerGatewayHandlers h) => run(c, h.StopAsync(c.Request, connectionId, c.RequestAborted)));
    }
}
