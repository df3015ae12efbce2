using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Ipsec.ControlPlane.Http;

/// <summary>
/// Builds the durable management payload (<c>id</c>, <c>statusQueryGetUri</c>, <c>sendEventPostUri</c>,
/// <c>terminatePostUri</c>, <c>purgeHistoryDeleteUri</c>, <c>suspendPostUri</c>, <c>resumePostUri</c>). Host-specific:
/// on Azure the Durable extension's payload (URLs of the host's webhook API with taskHub/connection/code); in the local
/// runtime the same JSON shape pointing at its own <c>/runtime/webhooks/durabletask</c> routes.
/// </summary>
public interface IManagementPayloadFactory
{
    ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId);
}

public sealed record ManagementPayload(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri,
    string PurgeHistoryDeleteUri, string SuspendPostUri, string ResumePostUri);
