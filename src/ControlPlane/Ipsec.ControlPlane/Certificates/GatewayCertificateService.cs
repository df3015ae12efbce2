using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Ipsec.Certificates;
using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;

namespace Ipsec.ControlPlane.Certificates;

/// <summary>The certificates bound to an sm gateway, as the API shows them: PEM only, never a private key.</summary>
public sealed record BoundCertificates(string VpnGatewayId, string SigningCertificate, string EncryptionCertificate,
    string CaCertificate, DateTimeOffset BoundAt);

/// <summary>An sm gateway's signing and encryption certificates with their keys, in memory for its engine.</summary>
public sealed record SmGatewayCredentials(Org.BouncyCastle.X509.X509Certificate SigningCertificate, Ipsec.Crypto.Sm.Sm2PrivateKey SigningKey,
    Org.BouncyCastle.X509.X509Certificate EncryptionCertificate, Ipsec.Crypto.Sm.Sm2PrivateKey EncryptionKey)
{
    public override string ToString() => $"SmGatewayCredentials({SigningCertificate.SubjectDN}, keys ***)";
}

/// <summary>
/// The cloud-side SM2 CA and the dual certificates (signing + encryption, GM/T 0015/0022) it issues to sm gateways
/// (PRODUCT.md section 2: an sm gateway needs them bound before a connection can be created). Private keys are stored
/// only as encrypted PKCS#8 under a random password, and that password only encrypted with <see cref="SecretProtector"/>
/// (the PSK key; Key Vault on Azure).
/// </summary>
public sealed class GatewayCertificateService(StorageClients storage, GatewayStore gateways, SecretProtector secrets, TimeProvider clock)
{
    const string ServicePartition = "service", CaRow = "sm2-ca";
    public const string CaSubject = "CN=IpsecFunctions SM2 CA,O=IpsecFunctions,C=CN";
    static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650), GatewayValidity = TimeSpan.FromDays(825);
    TableClient Table => storage.Table(StorageNames.CertificatesTable);

    public async Task<BoundCertificates?> GetAsync(string accountId, string gatewayId, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(gatewayId)) return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, "gw:" + gatewayId, cancellationToken: ct);
        return row.HasValue ? View(gatewayId, row.Value!) : null;
    }

    /// <summary>Issues and binds the pair, or returns the pair already bound (idempotent).</summary>
    public async Task<(BoundCertificates Certificates, bool Created)> BindAsync(string accountId, string gatewayId, CancellationToken ct)
    {
        if (await GetAsync(accountId, gatewayId, ct) is { } existing) return (existing, false);
        var ca = await LoadOrCreateCaAsync(ct);
        var pair = ca.IssueGatewayCertificates(gatewayId, GatewayValidity);
        string password = NewPassword();
        var entity = new TableEntity(accountId, "gw:" + gatewayId)
        {
            ["SigningCertificate"] = pair.Signing.CertificatePem,
            ["EncryptionCertificate"] = pair.Encryption.CertificatePem,
            ["SigningKey"] = pair.Signing.ExportEncryptedPrivateKeyPem(password),
            ["EncryptionKey"] = pair.Encryption.ExportEncryptedPrivateKeyPem(password),
            ["KeyPassword"] = secrets.Protect(password, Owner(accountId, gatewayId)),
            ["CaCertificate"] = ca.CertificatePem,
            ["BoundAt"] = clock.GetUtcNow(),
        };
        try { await Table.AddEntityAsync(entity, ct); }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // a concurrent bind won: its pair is the gateway's pair
            return ((await GetAsync(accountId, gatewayId, ct))!, false);
        }
        await gateways.MarkSmCertificatesBoundAsync(accountId, gatewayId, ct);
        return (View(gatewayId, entity), true);
    }

    /// <summary>The gateway's two certificates with their private keys, for its engine (sm connections authenticate
    /// with them); null when none are bound. The keys leave storage only here, decrypted in memory.</summary>
    public async Task<SmGatewayCredentials?> LoadCredentialsAsync(string accountId, string gatewayId, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(gatewayId)) return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, "gw:" + gatewayId, cancellationToken: ct);
        if (!row.HasValue) return null;
        var e = row.Value!;
        string password = secrets.Unprotect(e.GetString("KeyPassword"), Owner(accountId, gatewayId));
        if (!SmCertificatePem.TryReadSingle(e.GetString("SigningCertificate"), out var signing, out _)
            || !SmCertificatePem.TryReadSingle(e.GetString("EncryptionCertificate"), out var encryption, out _)
            || !Ipsec.Crypto.Sm.Sm2PrivateKeyPem.TryImportEncrypted(e.GetString("SigningKey"), password, out var signingKey)
            || !Ipsec.Crypto.Sm.Sm2PrivateKeyPem.TryImportEncrypted(e.GetString("EncryptionKey"), password, out var encryptionKey))
            throw new InvalidOperationException($"the SM certificates bound to gateway {gatewayId} cannot be read back (damaged row or wrong key)");
        return new SmGatewayCredentials(signing, signingKey, encryption, encryptionKey);
    }

    /// <summary>The service CA: created once (the first creator wins a conditional insert), then loaded.</summary>
    async Task<SmCertificateAuthority> LoadOrCreateCaAsync(CancellationToken ct)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(ServicePartition, CaRow, cancellationToken: ct);
            if (row.HasValue)
            {
                var e = row.Value!;
                string caPassword = secrets.Unprotect(e.GetString("KeyPassword"), "ca|sm2");
                return SmCertificateAuthority.Load(e.GetString("Certificate"), e.GetString("Key"), caPassword, clock);
            }
            var ca = SmCertificateAuthority.CreateSelfSigned(CaSubject, CaValidity, clock);
            string password = NewPassword();
            try
            {
                await Table.AddEntityAsync(new TableEntity(ServicePartition, CaRow)
                {
                    ["Certificate"] = ca.CertificatePem,
                    ["Key"] = ca.ExportEncryptedPrivateKeyPem(password),
                    ["KeyPassword"] = secrets.Protect(password, "ca|sm2"),
                }, ct);
                return ca;
            }
            catch (RequestFailedException e) when (e.Status == 409) { }
        }
        throw new InvalidOperationException("the SM2 CA could not be created or loaded");
    }

    static BoundCertificates View(string gatewayId, TableEntity e) => new(gatewayId, e.GetString("SigningCertificate"),
        e.GetString("EncryptionCertificate"), e.GetString("CaCertificate"), e.GetDateTimeOffset("BoundAt") ?? DateTimeOffset.MinValue);

    static string Owner(string accountId, string gatewayId) => $"smkey|{accountId}|{gatewayId}";

    static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
