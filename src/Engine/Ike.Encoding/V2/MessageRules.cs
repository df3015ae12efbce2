using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.V2;

/// <summary>Which payloads each exchange's requests and responses may carry, kept as data and checked once after decoding.</summary>
/// <remarks>
/// The tables restate RFC 7296 §1.2 (IKE_SA_INIT, IKE_AUTH), §1.3 (CREATE_CHILD_SA), §1.4 (INFORMATIONAL) and the
/// payload sections of §3. Notify and Vendor ID payloads may appear in any message (§3.10, §3.12). Payloads we
/// skipped as unknown and non-critical (§2.5) are ignored here. Relaxations:
/// <list type="bullet">
/// <item>A response carrying an error notify need not carry the payloads a successful response would (§2.21,
/// e.g. an IKE_AUTH response with only N(AUTHENTICATION_FAILED), an IKE_SA_INIT response with only
/// N(INVALID_KE_PAYLOAD) or N(NO_PROPOSAL_CHOSEN)).</item>
/// <item>An IKE_SA_INIT response may be just N(COOKIE) (§2.6).</item>
/// </list>
/// SA, TSi and TSr of IKE_AUTH are optional as a group: a childless IKE_AUTH (RFC 6023) omits all three.
/// AUTH is required in IKE_AUTH because we implement neither EAP (§2.16) nor multiple authentication (RFC 4739).
/// </remarks>
public static class MessageRules
{
    private const int Many = CodecLimits.MaxPayloadsPerMessage;

    private static readonly PayloadRule[] IkeSaInitRequest =
    [
        new(PayloadType.SecurityAssociation, Min: 1, Max: 1, Encrypted: false),
        new(PayloadType.KeyExchange, Min: 1, Max: 1, Encrypted: false),
        new(PayloadType.Nonce, Min: 1, Max: 1, Encrypted: false),
        new(PayloadType.Notify, Min: 0, Max: Many, Encrypted: false),
        new(PayloadType.VendorId, Min: 0, Max: Many, Encrypted: false),
    ];

    private static readonly PayloadRule[] IkeSaInitResponse =
    [
        new(PayloadType.SecurityAssociation, Min: 1, Max: 1, Encrypted: false),
        new(PayloadType.KeyExchange, Min: 1, Max: 1, Encrypted: false),
        new(PayloadType.Nonce, Min: 1, Max: 1, Encrypted: false),
        new(PayloadType.CertificateRequest, Min: 0, Max: Many, Encrypted: false),
        new(PayloadType.Notify, Min: 0, Max: Many, Encrypted: false),
        new(PayloadType.VendorId, Min: 0, Max: Many, Encrypted: false),
    ];

    private static readonly PayloadRule[] IkeAuthRequest =
    [
        new(PayloadType.IdentificationInitiator, Min: 1, Max: 1, Encrypted: true),
        new(PayloadType.Certificate, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.CertificateRequest, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.IdentificationResponder, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.Authentication, Min: 1, Max: 1, Encrypted: true),
        new(PayloadType.Configuration, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.SecurityAssociation, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.TrafficSelectorInitiator, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.TrafficSelectorResponder, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.Notify, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.VendorId, Min: 0, Max: Many, Encrypted: true),
    ];

    private static readonly PayloadRule[] IkeAuthResponse =
    [
        new(PayloadType.IdentificationResponder, Min: 1, Max: 1, Encrypted: true),
        new(PayloadType.Certificate, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.Authentication, Min: 1, Max: 1, Encrypted: true),
        new(PayloadType.Configuration, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.SecurityAssociation, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.TrafficSelectorInitiator, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.TrafficSelectorResponder, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.Notify, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.VendorId, Min: 0, Max: Many, Encrypted: true),
    ];

    /// <summary>§1.3: new CHILD SA (with TSi/TSr), CHILD SA rekey (N(REKEY_SA) + TS) or IKE SA rekey (no TS).</summary>
    private static readonly PayloadRule[] CreateChildSa =
    [
        new(PayloadType.SecurityAssociation, Min: 1, Max: 1, Encrypted: true),
        new(PayloadType.Nonce, Min: 1, Max: 1, Encrypted: true),
        new(PayloadType.KeyExchange, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.TrafficSelectorInitiator, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.TrafficSelectorResponder, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.Notify, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.VendorId, Min: 0, Max: Many, Encrypted: true),
    ];

    /// <summary>§1.4: any number of N and D payloads, a CP, or nothing at all (liveness check).</summary>
    private static readonly PayloadRule[] Informational =
    [
        new(PayloadType.Notify, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.Delete, Min: 0, Max: Many, Encrypted: true),
        new(PayloadType.Configuration, Min: 0, Max: 1, Encrypted: true),
        new(PayloadType.VendorId, Min: 0, Max: Many, Encrypted: true),
    ];

    private static readonly PayloadType[][] ChildSaInIkeAuth =
    [
        [PayloadType.SecurityAssociation, PayloadType.TrafficSelectorInitiator, PayloadType.TrafficSelectorResponder],
    ];

    private static readonly PayloadType[][] TrafficSelectorPair =
    [
        [PayloadType.TrafficSelectorInitiator, PayloadType.TrafficSelectorResponder],
    ];

    private static readonly Dictionary<(ExchangeType Exchange, bool IsRequest), (PayloadRule[] Rules, PayloadType[][] Together)> Table = new()
    {
        [(ExchangeType.IkeSaInit, true)] = (IkeSaInitRequest, []),
        [(ExchangeType.IkeSaInit, false)] = (IkeSaInitResponse, []),
        [(ExchangeType.IkeAuth, true)] = (IkeAuthRequest, ChildSaInIkeAuth),
        [(ExchangeType.IkeAuth, false)] = (IkeAuthResponse, ChildSaInIkeAuth),
        [(ExchangeType.CreateChildSa, true)] = (CreateChildSa, TrafficSelectorPair),
        [(ExchangeType.CreateChildSa, false)] = (CreateChildSa, TrafficSelectorPair),
        [(ExchangeType.Informational, true)] = (Informational, []),
        [(ExchangeType.Informational, false)] = (Informational, []),
    };

    /// <summary>The rules for one kind of message, or null for an exchange type we do not implement.</summary>
    public static IReadOnlyList<PayloadRule>? RulesFor(ExchangeType exchange, bool isRequest) =>
        Table.TryGetValue((exchange, isRequest), out var entry) ? entry.Rules : null;

    /// <summary>Checks the message against its exchange's table; null when it conforms.</summary>
    public static MessageRuleViolation? Check(IkeMessage message)
    {
        if (!Table.TryGetValue((message.ExchangeType, message.IsRequest), out var entry))
        {
            return new MessageRuleViolation(MessageRuleViolationKind.UnknownExchangeType);
        }

        bool initialExchange = message.ExchangeType == ExchangeType.IkeSaInit;
        if (initialExchange && message.IsProtected)
        {
            // §1.2: IKE_SA_INIT is sent before any keys exist.
            return new MessageRuleViolation(MessageRuleViolationKind.PayloadMustNotBeEncrypted, PayloadType.Encrypted);
        }

        if (!initialExchange && !message.IsProtected)
        {
            // §1.2–§1.4: every exchange after IKE_SA_INIT is cryptographically protected.
            return new MessageRuleViolation(MessageRuleViolationKind.MessageMustBeProtected);
        }

        var counts = new Dictionary<PayloadType, int>();
        MessageRuleViolation? placement =
            CheckPlacement(message.Payloads, insideSk: false, entry.Rules, counts)
            ?? CheckPlacement(message.EncryptedPayloads ?? [], insideSk: true, entry.Rules, counts);
        if (placement is not null)
        {
            return placement;
        }

        bool relaxed = IsRelaxed(message);
        foreach (PayloadRule rule in entry.Rules)
        {
            int count = counts.GetValueOrDefault(rule.Type);
            if (count > rule.Max)
            {
                return new MessageRuleViolation(MessageRuleViolationKind.TooManyPayloads, rule.Type);
            }

            if (count < rule.Min && !relaxed)
            {
                return new MessageRuleViolation(MessageRuleViolationKind.MissingPayload, rule.Type);
            }
        }

        if (!relaxed)
        {
            foreach (PayloadType[] group in entry.Together)
            {
                int present = group.Count(counts.ContainsKey);
                if (present != 0 && present != group.Length)
                {
                    PayloadType missing = group.First(type => !counts.ContainsKey(type));
                    return new MessageRuleViolation(MessageRuleViolationKind.PayloadsMustAppearTogether, missing);
                }
            }
        }

        return null;
    }

    private static MessageRuleViolation? CheckPlacement(
        IReadOnlyList<IkePayload> payloads, bool insideSk, PayloadRule[] rules, Dictionary<PayloadType, int> counts)
    {
        foreach (IkePayload payload in payloads)
        {
            if (payload is UnknownPayload)
            {
                // §2.5: a non-critical payload we do not understand is skipped.
                continue;
            }

            int index = Array.FindIndex(rules, rule => rule.Type == payload.Type);
            if (index < 0)
            {
                return new MessageRuleViolation(MessageRuleViolationKind.PayloadNotAllowed, payload.Type);
            }

            if (rules[index].Encrypted != insideSk)
            {
                return new MessageRuleViolation(
                    insideSk ? MessageRuleViolationKind.PayloadMustNotBeEncrypted : MessageRuleViolationKind.PayloadMustBeEncrypted,
                    payload.Type);
            }

            counts[payload.Type] = counts.GetValueOrDefault(payload.Type) + 1;
        }

        return null;
    }

    private static bool IsRelaxed(IkeMessage message)
    {
        if (!message.IsResponse)
        {
            return false;
        }

        foreach (NotifyPayload notify in message.Notifies)
        {
            // §2.21: a failed request is answered with an error notify instead of the normal payloads.
            // §2.6: the responder may answer IKE_SA_INIT with just N(COOKIE).
            if (notify.IsError || (message.ExchangeType == ExchangeType.IkeSaInit && notify.NotifyType == NotifyType.Cookie))
            {
                return true;
            }
        }

        return false;
    }
}
