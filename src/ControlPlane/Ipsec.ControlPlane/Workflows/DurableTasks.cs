using Ipsec.ControlPlane.Workflows.Activities;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>The one list of orchestrators and activities, so every host registers the same set. The Functions app
/// has a [Function] wrapper for each; a test fails when one is missing.</summary>
public static class DurableTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<CreateConnectionOrchestrator>();
        registry.AddOrchestrator<UpdateConnectionOrchestrator>();
        registry.AddOrchestrator<DeleteConnectionOrchestrator>();
        registry.AddOrchestrator<NegotiateConnectionOrchestrator>();
        registry.AddOrchestrator<ConnectionWatchOrchestrator>();
        registry.AddActivity<ProvisionSecretsActivity>();
        registry.AddActivity<ApplyRoutesActivity>();
        registry.AddActivity<HandOverToNegotiationActivity>();
        registry.AddActivity<SetProvisioningStateActivity>();
        registry.AddActivity<RemoveRoutesActivity>();
        registry.AddActivity<RemoveFromEngineActivity>();
        registry.AddActivity<InitiateNegotiationActivity>();
        registry.AddActivity<ReconcileEngineActivity>();
        registry.AddActivity<RemoveConnectionActivity>();
    }
}
