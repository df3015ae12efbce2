using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.V1;

/// <summary>An ISAKMP message: header fields and the payload chain (decrypted, when the E flag was set).</summary>
/// <remarks>
/// IKEv1 encrypts the whole chain or nothing (RFC 2409 Appendix B), so there is one payload list and
/// <see cref="Flags"/> says whether it travels encrypted. IKEv1 has no request/response flag: which message of
/// its exchange this is follows from the engine's state (see <see cref="IsakmpMessageRules"/>).
/// <para>
/// Quick mode and informational hashes cover the payloads after HASH exactly as sent, "including all payload
/// headers, but excluding any padding added for encryption" (RFC 2409 §5.5); <see cref="GetChainBytes"/>
/// returns those octets: as received for a decoded message, as they will be encoded for one we build.
/// Equality compares header fields and payloads, not the received octets.
/// </para>
/// </remarks>
public sealed record IsakmpMessage
{
    private readonly IReadOnlyList<IsakmpPayload>? _receivedPayloads;
    private readonly ReadOnlyMemory<byte> _receivedChain;
    private readonly int[] _receivedOffsets = [];

    public IsakmpMessage(
        ulong initiatorCookie,
        ulong responderCookie,
        IsakmpExchangeType exchangeType,
        IsakmpHeaderFlags flags,
        uint messageId,
        IReadOnlyList<IsakmpPayload> payloads)
    {
        InitiatorCookie = initiatorCookie;
        ResponderCookie = responderCookie;
        ExchangeType = exchangeType;
        Flags = flags;
        MessageId = messageId;
        Payloads = payloads;
    }

    /// <summary>A decoded message that remembers the plaintext chain it came from.</summary>
    internal IsakmpMessage(IsakmpHeader header, IReadOnlyList<IsakmpPayload> payloads, ReadOnlyMemory<byte> receivedChain, int[] receivedOffsets)
        : this(header.InitiatorCookie, header.ResponderCookie, header.ExchangeType, header.Flags & KnownFlags, header.MessageId, payloads)
    {
        MinorVersion = header.MinorVersion;
        _receivedPayloads = payloads;
        _receivedChain = receivedChain;
        _receivedOffsets = receivedOffsets;
    }

    /// <summary>The flag bits RFC 2408 §3.1 defines; the others are ignored on receipt and never sent.</summary>
    public const IsakmpHeaderFlags KnownFlags =
        IsakmpHeaderFlags.Encryption | IsakmpHeaderFlags.Commit | IsakmpHeaderFlags.AuthenticationOnly;

    /// <summary>The header's minor version: RFC 2408's 0, or a profile's own (GM/T 0022 runs ISAKMP 1.1).</summary>
    public byte MinorVersion { get; init; } = IsakmpHeader.CurrentMinorVersion;

    public ulong InitiatorCookie { get; init; }

    /// <summary>Zero in the first message of a phase 1 exchange (RFC 2408 §3.1), the responder's cookie afterwards.</summary>
    public ulong ResponderCookie { get; init; }

    public IsakmpExchangeType ExchangeType { get; init; }

    public IsakmpHeaderFlags Flags { get; init; }

    /// <summary>Zero in phase 1; the random identifier of a quick mode or informational exchange (RFC 2408 §3.1).</summary>
    public uint MessageId { get; init; }

    public IReadOnlyList<IsakmpPayload> Payloads { get; init; }

    /// <summary>
    /// The datagram this message was decoded from (ciphertext if it was encrypted); empty for a message we built.
    /// Retransmission detection compares these octets; a <c>with</c> copy keeps them.
    /// </summary>
    public ReadOnlyMemory<byte> RawBytes { get; init; }

    public bool IsEncrypted => (Flags & IsakmpHeaderFlags.Encryption) != 0;

    /// <summary>The first payload of type <typeparamref name="T"/>.</summary>
    public T? Find<T>()
        where T : IsakmpPayload => Payloads.OfType<T>().FirstOrDefault();

    /// <summary>Every payload of type <typeparamref name="T"/>, in order (e.g. IDci then IDcr, or the NAT-D list).</summary>
    public IEnumerable<T> FindAll<T>()
        where T : IsakmpPayload => Payloads.OfType<T>();

    public IEnumerable<NotificationPayload> Notifications => Payloads.OfType<NotificationPayload>();

    public NotificationPayload? FindNotification(IsakmpNotifyType type) =>
        Notifications.FirstOrDefault(notification => notification.NotifyType == type);

    /// <summary>True when one of the Vendor ID payloads is <paramref name="known"/>.</summary>
    public bool HasVendorId(KnownVendorId known) => Payloads.OfType<VendorIdPayload>().Any(vendorId => vendorId.Is(known));

    /// <summary>
    /// The chain octets from payload <paramref name="fromIndex"/> to the end of the last payload, generic headers
    /// included, padding excluded. <c>GetChainBytes(1)</c> after HASH is what quick mode HASH(1)/HASH(2) and
    /// informational HASH(1) cover after the M-ID (RFC 2409 §5.5, §5.7).
    /// </summary>
    public ReadOnlyMemory<byte> GetChainBytes(int fromIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromIndex, Payloads.Count);

        // The received octets are only valid for the payload list they were decoded into (a `with` may replace it).
        if (ReferenceEquals(Payloads, _receivedPayloads))
        {
            int start = fromIndex == Payloads.Count ? _receivedChain.Length : _receivedOffsets[fromIndex];
            return _receivedChain[start..];
        }

        return IsakmpMessageCodec.EncodeChain(Payloads.Skip(fromIndex).ToArray());
    }

    public bool Equals(IsakmpMessage? other) =>
        other is not null
        && MinorVersion == other.MinorVersion
        && InitiatorCookie == other.InitiatorCookie
        && ResponderCookie == other.ResponderCookie
        && ExchangeType == other.ExchangeType
        && Flags == other.Flags
        && MessageId == other.MessageId
        && ValueEquality.ListsEqual(Payloads, other.Payloads);

    public override int GetHashCode() =>
        HashCode.Combine(InitiatorCookie, ResponderCookie, ExchangeType, Flags, MessageId, ValueEquality.ListHash(Payloads));

    public override string ToString() =>
        $"{ExchangeType} M-ID {MessageId:x8}{(IsEncrypted ? " encrypted" : "")} [ {string.Join(' ', Payloads.Select(p => p.Type))} ]";
}
