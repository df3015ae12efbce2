using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V2.Tasks;
using Ike.Engine.Timing;
using Ike.Engine.Transport;

namespace Ike.Engine.Sa;

/// <summary>
/// Messages outside any IKE SA we know (RFC 7296 §1.5, §2.21.4): a request of a higher major version is answered with
/// INVALID_MAJOR_VERSION (§2.5), a protected request for an IKE SA we do not have with INVALID_IKE_SPI, both unprotected
/// and rate-limited; an INVALID_IKE_SPI that reaches us is only a hint to check the peer's liveness.
/// </summary>
internal sealed partial class SaManager
{
    /// <summary>§2.5: "If an endpoint receives a message with a higher major version number, it MUST drop the message and
    /// SHOULD send an unauthenticated Notify message of type INVALID_MAJOR_VERSION"; the answer's header carries the
    /// version we speak (§3.10.1). Lower versions (IKEv1 on the same port) are simply not ours to answer here.</summary>
    private void OnOtherMajorVersion(Datagram datagram, IkeHeader header)
    {
        if (header.MajorVersion > IkeHeader.CurrentMajorVersion && !header.IsResponse)
        {
            AnswerUnprotected(datagram, header, NotifyType.InvalidMajorVersion);
        }

        Drop(datagram, $"IKE major version {header.MajorVersion}");
    }

    /// <summary>
    /// §1.5 / §2.21.4: a request for an IKE SA we do not know (we restarted, or it timed out here) "MAY" be answered,
    /// unprotected, with INVALID_IKE_SPI, "sent to the IP address and port from where it came with the same IKE SPIs and
    /// the Message ID copied"; never a response to a response. Only messages that look like protected requests of an
    /// exchange we speak are answered: answering garbage only helps an attacker.
    /// </summary>
    private void OnUnknownSpi(Datagram datagram, ReadOnlyMemory<byte> bytes, IkeHeader header)
    {
        if (!header.IsResponse && header.Length == (uint)bytes.Length && header.NextPayload == PayloadType.Encrypted
            && header.ExchangeType is ExchangeType.IkeAuth or ExchangeType.CreateChildSa or ExchangeType.Informational)
        {
            AnswerUnprotected(datagram, header, NotifyType.InvalidIkeSpi);
        }

        Drop(datagram, $"no IKE SA with SPIs {header.InitiatorSpi:x16}_i {header.ResponderSpi:x16}_r");
    }

    /// <summary>
    /// §1.5: "A node receiving such an unprotected Notify payload MUST NOT respond and MUST NOT change the state of any
    /// existing SAs ... [it] should initiate a liveness check for any such IKE SA." True when the message was one.
    /// </summary>
    private bool OnUnprotectedInvalidIkeSpi(IkeSa sa, Datagram datagram, DecodeResult result)
    {
        if (result.Message is not { IsResponse: true, IsProtected: false } message || message.FindNotify(NotifyType.InvalidIkeSpi) is null)
        {
            return false;
        }

        Drop(datagram, "unprotected INVALID_IKE_SPI: checking the peer's liveness");
        if (sa.State == IkeSaState.Established && sa.Tasks.IsIdle)
        {
            IkeTimingOptions timing = sa.Connection.Config.Dpd is { } dpd ? Retransmission.FitInto(Services.Timing, dpd.Timeout) : Services.Timing;
            sa.Tasks.Queue(ExchangeType.Informational, timing, IkeDpd.ForInitiator());
            sa.Tasks.Initiate();
        }

        return true;
    }

    /// <summary>HDR(SPIs, Message ID and exchange copied, R set), N(type), in clear, back where the request came from.</summary>
    private void AnswerUnprotected(Datagram datagram, IkeHeader request, NotifyType type)
    {
        if (!_unprotectedResponses.TryTake())
        {
            Drop(datagram, $"rate limit: not answering with {Diagnostics.Diagnostics.NotifyName(type)}");
            return;
        }

        // the answer comes from the other role than the request's sender
        IkeHeaderFlags flags = IkeHeaderFlags.Response | (request.IsFromOriginalInitiator ? IkeHeaderFlags.None : IkeHeaderFlags.Initiator);
        var answer = new IkeMessage(request.InitiatorSpi, request.ResponderSpi, request.ExchangeType, flags, request.MessageId, [NotifyPayload.Create(type)]);
        byte[] packet = IkeMessageCodec.Encode(answer, null);
        EngineLog.UnprotectedAnswer(Services.Log, datagram.Remote.ToString(), Diagnostics.Diagnostics.NotifyName(type));
        _send(new Datagram(datagram.Local, datagram.Remote, IkeFraming.Frame(packet, datagram.Local, datagram.Remote)));
    }
}
