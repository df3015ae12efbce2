using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows.Activities;

/// <summary>
/// Provisions the connection's credentials. Standard gateways: the pre-shared key the user gave (already encrypted when
/// the request was stored) or a random one (16 characters from a CSPRNG, PRODUCT.md section 3). sm gateways authenticate
/// with SM2 certificates instead (issue 6): the gateway's bound signing and encryption certificates must be valid now and
/// the connection's peer CA must still pass its checks; what was checked is recorded in the history, and a failure is
/// returned as <see cref="Refused"/> + the reason, so the create fails at once with it (retrying cannot help).
/// </summary>
public sealed class ProvisionSecretsActivity(ConnectionStore connections, GatewayStore gateways, ConnectionSteps steps, SecretProtector secrets,
    Certificates.GatewayCertificateService certificates, TimeProvider clock)
    : TaskActivity<ConnectionWorkflowInput, string>
{
    public const string Refused = "refused: ";

    public override async Task<string> RunAsync(TaskActivityContext context, ConnectionWorkflowInput input)
    {
        var current = await connections.GetAsync(input.AccountId, input.ConnectionId);
        if (current is null) return "connection no longer exists";
        var gateway = await gateways.GetVpnGatewayAsync(input.AccountId, current.Record.Settings.VpnGatewayId);
        bool certificateAuthentication = gateway?.Kind == GatewayKind.Sm;
        string? certificateCheck = null, certificateProblem = null;
        if (certificateAuthentication)
            (certificateCheck, certificateProblem) = await CheckCertificatesAsync(current.Record);
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
                outcome = certificateProblem is null ? "sm gateway: certificate authentication, no psk" : Refused + certificateProblem;
                return record.WithChange("certificates", null, certificateProblem is null ? "checked" : "refused",
                    certificateProblem ?? certificateCheck!, clock.GetUtcNow());
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

    /// <summary>What was checked (for the history), or the first problem.</summary>
    async Task<(string? Checked, string? Problem)> CheckCertificatesAsync(ConnectionRecord record)
    {
        // The certificates only (PEM): checking dates needs no private key, so none is decrypted here.
        var bound = await certificates.GetAsync(record.AccountId, record.Settings.VpnGatewayId, default);
        if (bound is null) return (null, $"no SM certificates are bound to gateway {record.Settings.VpnGatewayId}");
        if (!Ipsec.Certificates.SmCertificatePem.TryReadSingle(bound.SigningCertificate, out var signing, out _)
            || !Ipsec.Certificates.SmCertificatePem.TryReadSingle(bound.EncryptionCertificate, out var encryption, out _))
            return (null, $"the SM certificates bound to gateway {record.Settings.VpnGatewayId} cannot be read");
        var now = clock.GetUtcNow();
        foreach (var (usage, certificate) in new[] { ("signing", signing), ("encryption", encryption) })
            if (Ipsec.Certificates.CertificateFacts.CompareValidity(certificate, now) != 0)
                return (null, $"the gateway's {usage} certificate {Ipsec.Certificates.CertificateFacts.Describe(certificate)} is not valid now " +
                    $"({certificate.NotBefore:O} – {certificate.NotAfter:O})");
        var peerCa = Ipsec.Certificates.RemoteCaCertificateCheck.Check(record.Settings.RemoteCaCertificate, record.Settings.IkeConfig.RemoteId, clock);
        if (!peerCa.IsValid) return (null, $"peer CA certificate: {peerCa.Problem!.Message} ({peerCa.Problem.Code})");
        return ($"signing {Ipsec.Certificates.CertificateFacts.Describe(signing)} and encryption certificate valid until " +
            $"{signing.NotAfter.ToUniversalTime():yyyy-MM-dd}; peer CA {Ipsec.Certificates.CertificateFacts.Describe(peerCa.Certificate!)} " +
            $"valid until {peerCa.Certificate!.NotAfter.ToUniversalTime():yyyy-MM-dd}", null);
    }
}
