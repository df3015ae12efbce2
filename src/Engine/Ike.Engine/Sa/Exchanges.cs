using Ike.Encoding.V2;
using Ike.Engine.Timing;

namespace Ike.Engine.Sa;

/// <summary>An exchange waiting to be started: its type, its tasks, and the retransmission schedule it runs with.</summary>
internal sealed record PlannedExchange(ExchangeType Type, IReadOnlyList<IIkeTask> Tasks, IkeTimingOptions Timing);

/// <summary>The request we sent and wait an answer for (strongSwan's initiating exchange): the exact bytes, so a
/// retransmission is identical (§2.1), and how often it went out.</summary>
internal sealed class InitiatingExchange
{
    public InitiatingExchange(PlannedExchange plan, uint messageId, byte[] packet)
    {
        Plan = plan;
        MessageId = messageId;
        Packet = packet;
    }

    public PlannedExchange Plan { get; }

    public ExchangeType Type => Plan.Type;

    public IReadOnlyList<IIkeTask> Tasks => Plan.Tasks;

    public uint MessageId { get; }

    public byte[] Packet { get; }

    public int Retransmits { get; set; }

    public ITimer? RetransmitTimer { get; set; }
}

/// <summary>The last response we sent: a retransmitted request gets these bytes again, never a second processing
/// (§2.2: "the responder MUST retransmit the response ... when it receives a retransmitted request").</summary>
internal sealed record CachedResponse(uint MessageId, byte[] Packet);
