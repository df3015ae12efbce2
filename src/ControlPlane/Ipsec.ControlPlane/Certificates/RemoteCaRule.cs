using Ipsec.Certificates;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Certificates;

/// <summary>
/// The certificate rules of an sm connection that the domain's shape checks cannot decide: the peer CA certificate is
/// an SM2 CA certificate, valid now, whose subject equals <c>remoteId</c> as an X.500 name (issue 6). Each failure has
/// its own code on the field <c>remoteCaCertificate</c> (or <c>ikeConfig.remoteId</c> when that is not a DN).
/// </summary>
public static class RemoteCaRule
{
    public static ApiError? Check(ConnectionSettings settings, GatewayKind kind, TimeProvider clock)
    {
        if (kind != GatewayKind.Sm) return null;
        var result = RemoteCaCertificateCheck.Check(settings.RemoteCaCertificate, settings.IkeConfig.RemoteId, clock);
        if (result.IsValid) return null;
        string field = result.Problem.Code.StartsWith("RemoteId", StringComparison.Ordinal) ? "ikeConfig.remoteId" : "remoteCaCertificate";
        return new ApiError(result.Problem.Code, field, result.Problem.Message);
    }
}
