using Ipsec.ControlPlane.Http;
using Microsoft.DurableTask.Client;

namespace Ipsec.LocalRuntime;

/// <summary>The durable management payload pointing at this runtime's own <c>/runtime/webhooks/durabletask</c> routes,
/// in the shape the Durable Functions extension produces.</summary>
public sealed class LocalManagementPayloadFactory : IManagementPayloadFactory
{
    public ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        string b = $"{request.Scheme}://{request.Host}/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}";
        return new ManagementPayload(instanceId, b, b + "/raiseEvent/{eventName}", b + "/terminate?reason={text}", b,
            b + "/suspend?reason={text}", b + "/resume?reason={text}");
    }
}
