namespace Ipsec.Domain;

/// <summary>
/// One machine-readable reason a request was refused (PRODUCT.md section 3, last paragraph):
/// <c>{"code":"InvalidParameter.Name","field":"name","message":"..."}</c>. <see cref="Field"/> uses the JSON names
/// with dots and indexes (<c>ikeConfig.ikeLifetime</c>, <c>localSubnets[1]</c>); it is null when the whole body is at
/// fault. Messages never contain a secret the caller sent.
/// </summary>
public sealed record ApiError(string Code, string? Field, string Message, ErrorKind Kind = ErrorKind.Invalid);
