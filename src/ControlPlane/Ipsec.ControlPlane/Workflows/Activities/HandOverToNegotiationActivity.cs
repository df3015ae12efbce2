using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// The point where the control plane hands the connection to the negotiation engine. The engine is not connected to
/// the control plane yet, so this step says so plainly in the connection's status: the tunnel stays
/// <c>ike_sa_not_established</c> and nothing pretends it came up.
/// </summary>
public sealed class HandOverToNegotiationActivity(ConnectionSteps steps, TimeProvider clock) : TaskActivity<ConnectionWorkflowInput, string>
{
    public const string NotAvailableReason =
        "negotiation not available yet: the control plane does not drive a negotiation engine yet, so the tunnel is not negotiated";

    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        await steps.ApplyOnceAsync(input, ConnectionSteps.Name(input, "negotiation"), record =>
            record.WithChange("negotiation", null, "not_available", NotAvailableReason, clock.GetUtcNow()) with
            {
                Status = TunnelStatus.IkeSaNotEstablished,
                StatusReason = NotAvailableReason,
            });
        return NotAvailableReason;
    }
}
