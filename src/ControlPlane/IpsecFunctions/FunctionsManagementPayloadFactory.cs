using Ipsec.ControlPlane.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Ipsec.Functions;

/// <summary>On Azure the payload must come from the Durable extension: its URLs point at the host's
/// <c>/runtime/webhooks/durabletask</c> API and carry the taskHub/connection/code parameters only the binding knows.</summary>
public sealed class FunctionsManagementPayloadFactory : IManagementPayloadFactory
{
    public ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var p = client.CreateHttpManagementPayload(instanceId);
        return new ManagementPayload(p.Id!, p.StatusQueryGetUri!, p.SendEventPostUri!, p.TerminatePostUri!, p.PurgeHistoryDeleteUri!,
            p.SuspendPostUri!, p.ResumePostUri!);
    }
}
