using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Sa.V2.Tasks;

namespace Ike.Engine.Sa.V2;

/// <summary>
/// Which responder tasks answer a request, decided from the exchange type and what the request carries
/// (RFC 7296 §1.2-§1.4): CREATE_CHILD_SA is an IKE rekey when its proposal is for IKE, a CHILD SA rekey with
/// N(REKEY_SA), else a new CHILD SA; INFORMATIONAL deletes the IKE SA, deletes CHILD SAs, or is a liveness check.
/// </summary>
internal static class ResponderTasks
{
    public static IReadOnlyList<IIkeTask> Create(IkeSa sa, IkeMessage request) => request.ExchangeType switch
    {
        ExchangeType.IkeSaInit => [IkeInit.ForResponder(sa), IkeNatd.ForResponder(sa)],
        ExchangeType.IkeAuth => [IkeAuth.ForResponder(sa), ChildCreate.ForResponder(sa, inIkeAuth: true)],
        ExchangeType.CreateChildSa => [ForCreateChildSa(sa, request)],
        _ => ForInformational(sa, request),
    };

    private static IIkeTask ForCreateChildSa(IkeSa sa, IkeMessage request)
    {
        if (request.Find<SaPayload>()?.Proposals.FirstOrDefault()?.ProtocolId == IpsecProtocolId.Ike)
        {
            return IkeRekey.ForResponder(sa);
        }

        return request.FindNotify(NotifyType.RekeySa) is { } rekey
            ? ChildRekey.ForResponder(sa, rekey)
            : ChildCreate.ForResponder(sa, inIkeAuth: false);
    }

    private static IReadOnlyList<IIkeTask> ForInformational(IkeSa sa, IkeMessage request)
    {
        var deletes = request.AllPayloads.OfType<DeletePayload>().ToList();
        if (deletes.Any(d => d.ProtocolId == IpsecProtocolId.Ike))
        {
            return [IkeDelete.ForResponder(sa)];
        }

        return deletes.Count > 0 ? [ChildDelete.ForResponder(sa)] : [IkeDpd.ForResponder()];
    }
}
