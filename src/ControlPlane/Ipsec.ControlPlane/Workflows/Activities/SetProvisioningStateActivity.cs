using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

public sealed record ProvisioningStateInput(ConnectionWorkflowInput Connection, ProvisioningState State, string Reason);

/// <summary>Moves the connection's provisioning state (creating/updating → active, or → failed), recorded with its
/// reason and published as an event.</summary>
public sealed class SetProvisioningStateActivity(ConnectionSteps steps, TimeProvider clock) : TaskActivity<ProvisioningStateInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ProvisioningStateInput input)
    {
        var record = await steps.ApplyOnceAsync(input.Connection, ConnectionSteps.Name(input.Connection, $"state-{input.State}"), r =>
            r.ProvisioningState == input.State
                ? r
                : r.WithChange("provisioningState", ApiNames.Of(r.ProvisioningState), ApiNames.Of(input.State), input.Reason, clock.GetUtcNow())
                    with { ProvisioningState = input.State });
        return record is null ? "connection no longer exists" : ApiNames.Of(record.ProvisioningState);
    }
}
