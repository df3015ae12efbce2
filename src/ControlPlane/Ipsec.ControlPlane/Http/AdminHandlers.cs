using Ipsec.ControlPlane.Access;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ipsec.ControlPlane.Http;

/// <summary><c>PUT /api/admin/accounts/{accountId}</c>: the operator sets an account's feature allow-list.</summary>
public sealed class AdminHandlers(ApiKeyDirectory keys, AccountStore accounts)
{
    public async Task<IActionResult> PutAccountAsync(HttpRequest request, string accountId, CancellationToken ct)
    {
        var caller = RequestReading.Authenticate(request, keys);
        if (caller is null) return ApiResults.Unauthorized();
        if (!caller.IsOperator) return ApiResults.Error(403, "Forbidden.OperatorOnly", null, "only the operator key may change accounts");
        if (!Ids.IsWellFormed(accountId)) return ApiResults.Error(400, "InvalidParameter.AccountId", "accountId", "account ids are 1-64 letters, digits, '-' or '_'");
        var (body, error) = await RequestReading.ReadJsonObjectAsync(request, ct);
        if (error is not null) return error;
        var features = RequestReader.ReadAccountFeatures(body);
        if (RequestReading.ErrorsOf(features) is { } invalid) return invalid;
        var account = await accounts.PutAsync(new Account(accountId, features.Value!.Features.ToHashSet()), ct);
        return ApiResults.Json(account);
    }
}
