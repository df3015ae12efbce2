using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.V2;

/// <summary>An IKEv2 message: header fields, the payloads sent in clear and, if protected, the payloads inside SK.</summary>
/// <remarks>
/// <see cref="EncryptedPayloads"/> is null for an unprotected message (IKE_SA_INIT) and a list, possibly
/// empty (a liveness check is an INFORMATIONAL with an empty SK, §1.4), for a protected one. The codec adds
/// the SK payload itself after <see cref="Payloads"/> (§3.14: SK is last).
/// After decoding, <see cref="RawBytes"/> holds the exact datagram, because the AUTH payload signs the first
/// message as it was sent (§2.15: "RealMessage1"); re-encoding would change the IV and could change
/// padding or reserved bits. Equality compares the header fields and payloads, not <see cref="RawBytes"/>.
/// </remarks>
public sealed record IkeMessage
{
    public IkeMessage(
        ulong initiatorSpi,
        ulong responderSpi,
        ExchangeType exchangeType,
        IkeHeaderFlags flags,
        uint messageId,
        IReadOnlyList<IkePayload> payloads,
        IReadOnlyList<IkePayload>? encryptedPayloads = null)
    {
        InitiatorSpi = initiatorSpi;
        ResponderSpi = responderSpi;
        ExchangeType = exchangeType;
        Flags = flags;
        MessageId = messageId;
        Payloads = payloads;
        EncryptedPayloads = encryptedPayloads;
    }

    public ulong InitiatorSpi { get; init; }

    public ulong ResponderSpi { get; init; }

    public ExchangeType ExchangeType { get; init; }

    /// <summary>Initiator / Version / Response; reserved bits are dropped on receipt (§3.1).</summary>
    public IkeHeaderFlags Flags { get; init; }

    public uint MessageId { get; init; }

    /// <summary>Payloads outside SK, in wire order.</summary>
    public IReadOnlyList<IkePayload> Payloads { get; init; }

    /// <summary>Payloads inside SK in wire order, or null when the message has no SK payload.</summary>
    public IReadOnlyList<IkePayload>? EncryptedPayloads { get; init; }

    /// <summary>
    /// The datagram this message was decoded from; empty for a message we built. A <c>with</c> copy keeps it,
    /// so after changing payloads of a decoded message, encode it again rather than trusting these bytes.
    /// </summary>
    public ReadOnlyMemory<byte> RawBytes { get; init; }

    public bool IsResponse => (Flags & IkeHeaderFlags.Response) != 0;

    public bool IsRequest => !IsResponse;

    public bool IsFromOriginalInitiator => (Flags & IkeHeaderFlags.Initiator) != 0;

    public bool IsProtected => EncryptedPayloads is not null;

    /// <summary>Every payload, outside SK first, then inside SK.</summary>
    public IEnumerable<IkePayload> AllPayloads => EncryptedPayloads is null ? Payloads : Payloads.Concat(EncryptedPayloads);

    /// <summary>The first payload of type <typeparamref name="T"/>, wherever it is.</summary>
    public T? Find<T>()
        where T : IkePayload => AllPayloads.OfType<T>().FirstOrDefault();

    /// <summary>The first payload with the given type code (useful for IDi/IDr and TSi/TSr, which share a class).</summary>
    public IkePayload? Find(PayloadType type) => AllPayloads.FirstOrDefault(payload => payload.Type == type);

    /// <summary>All Notify payloads, in order.</summary>
    public IEnumerable<NotifyPayload> Notifies => AllPayloads.OfType<NotifyPayload>();

    public NotifyPayload? FindNotify(NotifyType type) => Notifies.FirstOrDefault(notify => notify.NotifyType == type);

    public bool Equals(IkeMessage? other) =>
        other is not null
        && InitiatorSpi == other.InitiatorSpi
        && ResponderSpi == other.ResponderSpi
        && ExchangeType == other.ExchangeType
        && Flags == other.Flags
        && MessageId == other.MessageId
        && ValueEquality.ListsEqual(Payloads, other.Payloads)
        && (EncryptedPayloads is null
            ? other.EncryptedPayloads is null
            : other.EncryptedPayloads is not null && ValueEquality.ListsEqual(EncryptedPayloads, other.EncryptedPayloads));

    public override int GetHashCode() =>
        HashCode.Combine(InitiatorSpi, ResponderSpi, ExchangeType, Flags, MessageId, ValueEquality.ListHash(Payloads));
}
