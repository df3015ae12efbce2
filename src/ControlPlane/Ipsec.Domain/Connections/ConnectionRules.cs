namespace Ipsec.Domain;

/// <summary>
/// Every rule of PRODUCT.md section 3 for creating and modifying a connection. Errors carry a code naming the field
/// and all of them are reported together; warnings ride along with a valid result.
/// </summary>
public static class ConnectionRules
{
    /// <summary>
    /// Checks a create request against its context and fills in every default. The PSK in the request is checked too
    /// (its errors are among the returned ones) but is not part of the settings: read it with <see cref="ValidatePsk"/>.
    /// </summary>
    public static Validated<ConnectionSettings> ValidateCreate(ConnectionRequest request, ConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ConnectionValidation.Create(request, context);
    }

    /// <summary>
    /// Checks a PATCH: given fields replace the current ones (nested objects field by field), absent ones stay. The
    /// gateway and customer gateway cannot change. <paramref name="context"/> holds the connection's own gateway; pass
    /// its customer gateway too so that switching BGP on can check the peer ASN. Others on the gateway may include
    /// this connection: an unchanged tunnelCidr is not compared with them.
    /// </summary>
    public static Validated<ConnectionSettings> ValidateModify(ConnectionSettings current, ConnectionRequest patch, ConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(context);
        return ConnectionValidation.Modify(current, patch, context);
    }

    /// <summary>
    /// A user-chosen PSK: 1–100 printable ASCII characters without spaces, standard gateways only (sm gateways
    /// authenticate with SM2 certificates). Null means none was given, which is valid (one is generated). The value
    /// is never put in a message.
    /// </summary>
    public static Validated<string> ValidatePsk(string? psk, GatewayKind kind)
    {
        if (psk is null) return Validated<string>.Valid(null);
        if (kind == GatewayKind.Sm)
            return Validated<string>.Invalid(new ApiError(ErrorCodes.InvalidParameter("psk", ErrorCodes.Reasons.NotSupportedOnSmGateway), "psk",
                "sm gateways authenticate with SM2 certificates and take no psk"));
        if (!PskRule.IsValid(psk))
            return Validated<string>.Invalid(new ApiError(ErrorCodes.InvalidParameter("psk"), "psk",
                $"psk must be {PskRule.MinLength}-{PskRule.MaxLength} printable ASCII characters without spaces"));
        return Validated<string>.Valid(psk);
    }
}
