using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// Provisions the connection's pre-shared key: the one the user gave (already encrypted when the request was stored)
/// or a random one (16 characters from a CSPRNG, PRODUCT.md section 3). SM gateways authenticate with certificates,
/// not a PSK; their certificate checks belong to the SM issue.
/// </summary>
public sealed class ProvisionSecretsActivity(ConnectionStore connections, GatewayStore gateways, ConnectionSteps steps, SecretProtector secrets, TimeProvider clock)
    : TaskActivity<ConnectionWorkflowInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null) return "connection no longer exists";
        var gateway = await gateways.GetVpnGatewayAsync(input.AccountId, current.Record.Settings.VpnGatewayId);
        bool certificateAuthentication = gateway?.Kind == GatewayKind.Sm;
        string outcome = "unchanged";
        await steps.ApplyOnceAsync(input, ConnectionSteps.Name(input, "provision-secrets"), record =>
        {
            if (record.ProtectedPsk is not null)
            {
                outcome = "psk given by the user";
                return record;
            }
            if (certificateAuthentication)
            {
                outcome = "sm gateway: certificate authentication, no psk";
                return record;
            }
            outcome = "random psk generated";
            return record with
            {
                ProtectedPsk = secrets.Protect(PskGenerator.Generate(), SecretOwners.Connection(record.AccountId, record.ConnectionId)),
                UpdatedAt = clock.GetUtcNow(),
            };
        });
        return outcome;
    }
}
