using Azure;
using Azure.Data.Tables;
using Ipsec.Certificates;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Certificates;

/// <summary>A peer CA certificate the account keeps with the service, as the API shows it.</summary>
public sealed record CaCertificateView(string CertificateId, string Name, string Subject, DateTimeOffset NotAfter, string Certificate, DateTimeOffset UploadedAt);

/// <summary>
/// The account's peer CA certificates held by the certificate service (the seed's "选择证书": a certificate instance
/// picked instead of uploading PEM each time). An sm connection's <c>remoteCaCertificate</c> may name one by its id;
/// the connection then stores that certificate's PEM, so later changes to the library never change a running
/// connection behind its back. Only certificates that pass the peer-CA checks (SM2, a CA, valid now) are kept.
/// </summary>
public sealed class CaCertificateLibrary(StorageClients storage, TimeProvider clock)
{
    public const string IdPrefix = "cert";
    const string RowPrefix = "ca:";
    TableClient Table => storage.Table(StorageNames.CertificatesTable);

    public static bool IsReference(string? value) => value is not null && value.StartsWith(IdPrefix + "-", StringComparison.Ordinal) && Ids.IsWellFormed(value);

    /// <summary>Checks and stores a CA certificate; the error names the field <c>certificate</c>.</summary>
    public async Task<(CaCertificateView? Stored, ApiError? Error)> UploadAsync(string accountId, string? name, string? pem, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
            return (null, new ApiError("InvalidParameter.Name", "name", "name is required, at most 128 characters"));
        if (!SmCertificatePem.TryReadSingle(pem, out var parsed, out var problem))
            return (null, new ApiError(problem.Code, "certificate", problem.Message));
        // The same checks as a connection's remoteCaCertificate, against the certificate's own subject: the subject
        // is what remoteId must name when a connection uses it.
        string subject = X500NameMatching.ToRfc4514(parsed.SubjectDN);
        var check = RemoteCaCertificateCheck.Check(pem, subject, clock);
        if (!check.IsValid) return (null, new ApiError(check.Problem!.Code, "certificate", check.Problem.Message));

        var view = new CaCertificateView(Ids.New(IdPrefix), name, subject, new DateTimeOffset(parsed.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            SmCertificatePem.Write(parsed), clock.GetUtcNow());
        await Table.AddEntityAsync(new TableEntity(accountId, RowPrefix + view.CertificateId)
        {
            ["Name"] = view.Name, ["Subject"] = view.Subject, ["NotAfter"] = view.NotAfter, ["Pem"] = view.Certificate, ["UploadedAt"] = view.UploadedAt,
        }, ct);
        return (view, null);
    }

    public async Task<CaCertificateView?> GetAsync(string accountId, string certificateId, CancellationToken ct)
    {
        if (!IsReference(certificateId)) return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, RowPrefix + certificateId, cancellationToken: ct);
        return row.HasValue ? View(row.Value!) : null;
    }

    public async Task<IReadOnlyList<CaCertificateView>> ListAsync(string accountId, CancellationToken ct)
    {
        var list = new List<CaCertificateView>();
        // Row keys "ca:" … "ca;" — ';' follows ':' in ASCII, so this is exactly the "ca:" prefix.
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == accountId
                           && e.RowKey.CompareTo(RowPrefix) >= 0 && e.RowKey.CompareTo("ca;") < 0, cancellationToken: ct))
            list.Add(View(e));
        return list;
    }

    /// <summary>A request whose remoteCaCertificate names a certificate id gets that certificate's PEM in its place; an
    /// id the account does not hold is an error on the field (another account's id is indistinguishable from none).</summary>
    public async Task<(ConnectionRequest Request, ApiError? Error)> ResolveAsync(string accountId, ConnectionRequest request, CancellationToken ct)
    {
        if (!IsReference(request.RemoteCaCertificate)) return (request, null);
        var held = await GetAsync(accountId, request.RemoteCaCertificate!, ct);
        return held is null
            ? (request, new ApiError("InvalidParameter.RemoteCaCertificate.NotFound", "remoteCaCertificate",
                $"no CA certificate {request.RemoteCaCertificate} is held for this account (POST /api/certificates uploads one)"))
            : (request with { RemoteCaCertificate = held.Certificate }, null);
    }

    static CaCertificateView View(TableEntity e) => new(e.RowKey[RowPrefix.Length..], e.GetString("Name"), e.GetString("Subject"),
        e.GetDateTimeOffset("NotAfter") ?? DateTimeOffset.MinValue, e.GetString("Pem"), e.GetDateTimeOffset("UploadedAt") ?? DateTimeOffset.MinValue);
}
