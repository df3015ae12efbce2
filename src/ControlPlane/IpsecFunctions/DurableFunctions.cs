using Ipsec.ControlPlane.Workflows;
using Ipsec.ControlPlane.Workflows.Activities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Ipsec.Functions;

/// <summary>
/// Orchestration and activity triggers: thin wrappers over the shared classes in Ipsec.ControlPlane.Workflows (what
/// Microsoft.DurableTask.Generators would emit; that package is not available here). Function names equal the class
/// names, which is how the orchestrators call them. FunctionsWrapperGuardTests fails when a class has no wrapper.
/// </summary>
public static class DurableFunctions
{
    [Function(nameof(CreateConnectionOrchestrator))]
    public static Task<ConnectionWorkflowResult> CreateConnection([OrchestrationTrigger] TaskOrchestrationContext context)
        => new CreateConnectionOrchestrator().RunAsync(context, context.GetInput<ConnectionWorkflowInput>()!);

    [Function(nameof(UpdateConnectionOrchestrator))]
    public static Task<ConnectionWorkflowResult> UpdateConnection([OrchestrationTrigger] TaskOrchestrationContext context)
        => new UpdateConnectionOrchestrator().RunAsync(context, context.GetInput<ConnectionWorkflowInput>()!);

    [Function(nameof(DeleteConnectionOrchestrator))]
    public static Task<ConnectionWorkflowResult> DeleteConnection([OrchestrationTrigger] TaskOrchestrationContext context)
        => new DeleteConnectionOrchestrator().RunAsync(context, context.GetInput<ConnectionWorkflowInput>()!);

    [Function(nameof(NegotiateConnectionOrchestrator))]
    public static Task<ConnectionWorkflowResult> NegotiateConnection([OrchestrationTrigger] TaskOrchestrationContext context)
        => new NegotiateConnectionOrchestrator().RunAsync(context, context.GetInput<ConnectionWorkflowInput>()!);

    [Function(nameof(InitiateNegotiationActivity))]
    public static Task<EngineStep> InitiateNegotiation([ActivityTrigger] EngineStepInput input, string instanceId, FunctionContext fc)
        => Activity<InitiateNegotiationActivity>(fc).RunAsync(Context(nameof(InitiateNegotiationActivity), instanceId), input);

    [Function(nameof(ConnectionWatchOrchestrator))]
    public static Task<string> ConnectionWatch([OrchestrationTrigger] TaskOrchestrationContext context)
        => new ConnectionWatchOrchestrator().RunAsync(context, context.GetInput<WatchInput>()!);

    [Function(nameof(ReconcileEngineActivity))]
    public static Task<EngineStep> ReconcileEngine([ActivityTrigger] EngineStepInput input, string instanceId, FunctionContext fc)
        => Activity<ReconcileEngineActivity>(fc).RunAsync(Context(nameof(ReconcileEngineActivity), instanceId), input);

    [Function(nameof(ProvisionSecretsActivity))]
    public static Task<string> ProvisionSecrets([ActivityTrigger] ConnectionWorkflowInput input, string instanceId, FunctionContext fc)
        => Activity<ProvisionSecretsActivity>(fc).RunAsync(Context(nameof(ProvisionSecretsActivity), instanceId), input);

    [Function(nameof(ApplyRoutesActivity))]
    public static Task<string> ApplyRoutes([ActivityTrigger] ConnectionWorkflowInput input, string instanceId, FunctionContext fc)
        => Activity<ApplyRoutesActivity>(fc).RunAsync(Context(nameof(ApplyRoutesActivity), instanceId), input);

    [Function(nameof(HandOverToNegotiationActivity))]
    public static Task<EngineStep> HandOverToNegotiation([ActivityTrigger] EngineStepInput input, string instanceId, FunctionContext fc)
        => Activity<HandOverToNegotiationActivity>(fc).RunAsync(Context(nameof(HandOverToNegotiationActivity), instanceId), input);

    [Function(nameof(SetProvisioningStateActivity))]
    public static Task<string> SetProvisioningState([ActivityTrigger] ProvisioningStateInput input, string instanceId, FunctionContext fc)
        => Activity<SetProvisioningStateActivity>(fc).RunAsync(Context(nameof(SetProvisioningStateActivity), instanceId), input);

    [Function(nameof(RemoveRoutesActivity))]
    public static Task<int> RemoveRoutes([ActivityTrigger] ConnectionWorkflowInput input, string instanceId, FunctionContext fc)
        => Activity<RemoveRoutesActivity>(fc).RunAsync(Context(nameof(RemoveRoutesActivity), instanceId), input);

    [Function(nameof(RemoveFromEngineActivity))]
    public static Task<EngineStep> RemoveFromEngine([ActivityTrigger] EngineStepInput input, string instanceId, FunctionContext fc)
        => Activity<RemoveFromEngineActivity>(fc).RunAsync(Context(nameof(RemoveFromEngineActivity), instanceId), input);

    [Function(nameof(RemoveConnectionActivity))]
    public static Task<bool> RemoveConnection([ActivityTrigger] ConnectionWorkflowInput input, string instanceId, FunctionContext fc)
        => Activity<RemoveConnectionActivity>(fc).RunAsync(Context(nameof(RemoveConnectionActivity), instanceId), input);

    static T Activity<T>(FunctionContext fc) where T : class => ActivatorUtilities.GetServiceOrCreateInstance<T>(fc.InstanceServices);

    static TaskActivityContext Context(string name, string instanceId) => new FunctionActivityContext(name, instanceId);

    sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;
        public override string InstanceId { get; } = instanceId;
    }
}
