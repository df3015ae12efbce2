using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Engine.Sa.V1;

/// <summary>The payloads the tasks add to one outgoing IKEv1 message; the task manager fills the header, encrypts and sends.</summary>
internal sealed class IsakmpMessageBuilder
{
    private readonly List<IsakmpPayload> _payloads = [];

    public IsakmpMessageBuilder(IsakmpExchangeType exchange, int number, uint messageId)
    {
        Exchange = exchange;
        Number = number;
        MessageId = messageId;
    }

    public IsakmpExchangeType Exchange { get; }

    /// <summary>Which message of the exchange this is (1-based).</summary>
    public int Number { get; }

    public uint MessageId { get; }

    public IReadOnlyList<IsakmpPayload> Payloads => _payloads;

    public void Add(IsakmpPayload payload) => _payloads.Add(payload);

    /// <summary>Quick mode and informational HASH payloads come first and cover everything after them (RFC 2409 §5.5).</summary>
    public void AddFirst(IsakmpPayload payload) => _payloads.Insert(0, payload);
}
