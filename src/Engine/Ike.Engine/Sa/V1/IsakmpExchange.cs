using Ike.Encoding.V1;
using Ike.Engine.Timing;

namespace Ike.Engine.Sa.V1;

/// <summary>
/// One IKEv1 exchange in progress (strongSwan's task_manager_v1 keeps one per direction): phase 1 (main or aggressive
/// mode, M-ID 0) or a quick mode named by its M-ID. It holds the exchange's own CBC chain (RFC 2409 Appendix B: each
/// message's IV is the last ciphertext block of the one before it in the same exchange), the last message we sent
/// (retransmitted as it was, and sent again when the peer repeats its previous message) and the last one we received.
/// </summary>
internal sealed class IsakmpExchange
{
    public IsakmpExchange(IsakmpExchangeType type, uint messageId, bool weInitiated, IReadOnlyList<IIsakmpTask> tasks, IkeTimingOptions timing)
    {
        Type = type;
        MessageId = messageId;
        WeInitiated = weInitiated;
        Tasks = tasks;
        Timing = timing;
    }

    public IsakmpExchangeType Type { get; }

    public uint MessageId { get; }

    /// <summary>True when we sent message 1: we send the odd messages, the peer the even ones.</summary>
    public bool WeInitiated { get; }

    public IReadOnlyList<IIsakmpTask> Tasks { get; }

    public IkeTimingOptions Timing { get; }

    public int MessageCount => IsakmpMessageRules.MessageCount(Type);

    /// <summary>The number of the last message sent or received; the next one is this plus one.</summary>
    public int LastNumber { get; set; }

    /// <summary>The CBC chain: the IV of the next encrypted message of this exchange, null before the first.</summary>
    public byte[]? Iv { get; set; }

    public byte[]? LastSent { get; set; }

    public byte[]? LastReceived { get; set; }

    public int Retransmits { get; set; }

    public ITimer? RetransmitTimer { get; set; }

    /// <summary>Every message of the exchange went out or came in.</summary>
    public bool IsComplete { get; set; }

    /// <summary>The exchange failed or was abandoned; it only answers repeats now.</summary>
    public bool IsDead { get; set; }

    public bool IsPhase1 => Type is IsakmpExchangeType.IdentityProtection or IsakmpExchangeType.Aggressive;

    /// <summary>Whether message <paramref name="number"/> is ours to send.</summary>
    public bool WeSend(int number) => (number % 2 == 1) == WeInitiated;

    public T? Find<T>()
        where T : class, IIsakmpTask => Tasks.OfType<T>().FirstOrDefault();

    public void StopTimer()
    {
        RetransmitTimer?.Dispose();
        RetransmitTimer = null;
    }
}
