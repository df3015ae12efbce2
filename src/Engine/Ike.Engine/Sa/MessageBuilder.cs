using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Engine.Sa;

/// <summary>The payloads tasks add to one outgoing message; the task manager fills the header and encodes it.</summary>
internal sealed class MessageBuilder
{
    private readonly List<IkePayload> _payloads = [];

    public MessageBuilder(ExchangeType exchange, bool isResponse)
    {
        Exchange = exchange;
        IsResponse = isResponse;
    }

    public ExchangeType Exchange { get; }

    public bool IsResponse { get; }

    public IReadOnlyList<IkePayload> Payloads => _payloads;

    public void Add(IkePayload payload) => _payloads.Add(payload);

    /// <summary>N(COOKIE) must be the first payload of the retried IKE_SA_INIT (RFC 7296 §2.6).</summary>
    public void AddFirst(IkePayload payload) => _payloads.Insert(0, payload);

    /// <summary>Replaces everything with one error notify (RFC 7296 §2.21: an error response carries only the notify).</summary>
    public void ReplaceWithError(NotifyPayload notify)
    {
        _payloads.Clear();
        _payloads.Add(notify);
    }

    /// <summary>IKE_SA_INIT goes in clear; every later exchange inside SK (RFC 7296 §1.2, §3.14).</summary>
    public IkeMessage ToMessage(ulong initiatorSpi, ulong responderSpi, bool fromOriginalInitiator, uint messageId)
    {
        IkeHeaderFlags flags = (fromOriginalInitiator ? IkeHeaderFlags.Initiator : IkeHeaderFlags.None)
            | (IsResponse ? IkeHeaderFlags.Response : IkeHeaderFlags.None);
        return Exchange == ExchangeType.IkeSaInit
            ? new IkeMessage(initiatorSpi, responderSpi, Exchange, flags, messageId, [.. _payloads])
            : new IkeMessage(initiatorSpi, responderSpi, Exchange, flags, messageId, [], [.. _payloads]);
    }
}
