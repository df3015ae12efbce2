using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.V1;

/// <summary>Which payloads each message of each IKEv1 exchange may carry, kept as data and checked once after decoding.</summary>
/// <remarks>
/// IKEv1 messages carry no request/response flag: the engine knows from its state which message of the
/// exchange it expects and passes that number. The tables restate, for pre-shared key and signature
/// authentication:
/// <list type="bullet">
/// <item>Main mode (RFC 2409 §5, §5.1): HDR, SA / HDR, SA / HDR, KE, Ni / HDR, KE, Nr / HDR*, IDii, [CERT,]
/// HASH_I|SIG_I / HDR*, IDir, [CERT,] HASH_R|SIG_R; CERTREQ in messages 3–4 for signature authentication.</item>
/// <item>Aggressive mode (RFC 2409 §5): HDR, SA, KE, Ni, IDii / HDR, SA, KE, Nr, IDir, [CERT,] HASH_R|SIG_R /
/// HDR, [CERT,] HASH_I|SIG_I. RFC 2409 shows the third message in clear; some implementations encrypt it,
/// so both are accepted.</item>
/// <item>NAT-T (RFC 3947 §3.2, §5): NAT-D in main mode 3–4 and aggressive mode 2–3; NAT-OA in quick mode 1–2.</item>
/// <item>Quick mode (RFC 2409 §5.5): HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] / HDR*, HASH(2), SA, Nr [, KE]
/// [, IDci, IDcr] / HDR*, HASH(3); RESPONDER-LIFETIME (RFC 2407 §4.6.3.1) and other notifies in 1–2.</item>
/// <item>Informational (RFC 2409 §5.7): HDR*, HASH(1), N/D under an ISAKMP SA, or HDR, N/D in clear
/// "without an accompanying HASH payload" before one exists.</item>
/// <item>New group mode (RFC 2409 §6): HDR*, HASH(1), SA / HDR*, HASH(2), SA.</item>
/// </list>
/// Vendor IDs and notifications may accompany every phase 1 message and quick mode messages 1–2 (INITIAL-CONTACT
/// rides in main mode 5 / aggressive mode 3, RFC 2407 §4.6.3.3). Private use payloads we keep opaque are
/// ignored here. Base and Authentication Only exchanges (RFC 2408 §4.4, §4.6) have no table:
/// IKE does not use them. The RSA-encryption methods (RFC 2409 §5.2, §5.3) carry encrypted nonce/ID payloads in
/// messages 3–4 and would need their own rows.
/// <para>GM/T 0022 main mode (ISAKMP 1.1, a message whose minor version is not 0) has its own rows
/// (<see cref="GmT0022MainMode"/>): HDR, SA / HDR, SA, CERT_sig_r, CERT_enc_r / HDR, SK, Ni, IDi, CERT_sig_i,
/// CERT_enc_i, SIG_i / HDR, SK, Nr, IDr, SIG_r / HDR*, HASH_I / HDR*, HASH_R, with Ni/IDi/Nr/IDr enveloped
/// (<see cref="EnvelopedPayload"/>). The symmetric key payload SK has a private-use type the codec keeps opaque, so
/// the engine checks its presence.</para>
/// </remarks>
public static class IsakmpMessageRules
{
    private const int Many = CodecLimits.MaxPayloadsPerMessage;

    private static readonly IsakmpPayloadRule VendorIds = new(IsakmpPayloadType.VendorId, 0, Many);
    private static readonly IsakmpPayloadRule Notifications = new(IsakmpPayloadType.Notification, 0, Many);
    private static readonly IsakmpPayloadRule NatDiscoveries = new(IsakmpPayloadType.NatDiscovery, 0, Many);
    private static readonly IsakmpPayloadRule Certificates = new(IsakmpPayloadType.Certificate, 0, Many);
    private static readonly IsakmpPayloadRule CertificateRequests = new(IsakmpPayloadType.CertificateRequest, 0, Many);
    private static readonly IsakmpPayloadRule OptionalHash = new(IsakmpPayloadType.Hash, 0, 1);
    private static readonly IsakmpPayloadRule OptionalSignature = new(IsakmpPayloadType.Signature, 0, 1);
    private static readonly IsakmpPayloadRule OneHash = new(IsakmpPayloadType.Hash, 1, 1);

    /// <summary>Phase 1 authentication: HASH_I/HASH_R for pre-shared keys, SIG_I/SIG_R for signatures, exactly one.</summary>
    private static readonly IsakmpPayloadGroupRule HashOrSignature =
        new([IsakmpPayloadType.Hash, IsakmpPayloadType.Signature], 1, 1);

    /// <summary>An informational exchange carries at least one Notification or Delete (RFC 2408 §4.8).</summary>
    private static readonly IsakmpPayloadGroupRule NotificationOrDelete =
        new([IsakmpPayloadType.Notification, IsakmpPayloadType.Delete], 1, Many);

    private static readonly IsakmpMessageShape MainModeSa = new(
        Encrypted: false,
        [new(IsakmpPayloadType.SecurityAssociation, 1, 1), VendorIds, Notifications],
        [], MessageIdRule.Zero, ResponderCookieRule.Present);

    private static readonly IsakmpMessageShape MainModeKeyExchange = new(
        Encrypted: false,
        [new(IsakmpPayloadType.KeyExchange, 1, 1), new(IsakmpPayloadType.Nonce, 1, 1), NatDiscoveries, CertificateRequests, VendorIds, Notifications],
        [], MessageIdRule.Zero, ResponderCookieRule.Present);

    private static readonly IsakmpMessageShape MainModeAuthentication = new(
        Encrypted: true,
        [new(IsakmpPayloadType.Identification, 1, 1), Certificates, OptionalHash, OptionalSignature, VendorIds, Notifications],
        [HashOrSignature], MessageIdRule.Zero, ResponderCookieRule.Present);

    private static readonly IsakmpMessageShape AggressiveFirst = new(
        Encrypted: false,
        [new(IsakmpPayloadType.SecurityAssociation, 1, 1), new(IsakmpPayloadType.KeyExchange, 1, 1), new(IsakmpPayloadType.Nonce, 1, 1),
         new(IsakmpPayloadType.Identification, 1, 1), CertificateRequests, VendorIds, Notifications],
        [], MessageIdRule.Zero, ResponderCookieRule.Zero);

    private static readonly IsakmpMessageShape AggressiveSecond = new(
        Encrypted: false,
        [new(IsakmpPayloadType.SecurityAssociation, 1, 1), new(IsakmpPayloadType.KeyExchange, 1, 1), new(IsakmpPayloadType.Nonce, 1, 1),
         new(IsakmpPayloadType.Identification, 1, 1), Certificates, CertificateRequests, OptionalHash, OptionalSignature,
         NatDiscoveries, VendorIds, Notifications],
        [HashOrSignature], MessageIdRule.Zero, ResponderCookieRule.Present);

    private static readonly IsakmpPayloadRule[] AggressiveThirdPayloads =
        [Certificates, OptionalHash, OptionalSignature, NatDiscoveries, VendorIds, Notifications];

    private static readonly IsakmpPayloadRule[] QuickModeNegotiation =
    [
        OneHash,
        // RFC 2409 §5.5: "Multiple SAs and keys can be negotiated with one exchange".
        new(IsakmpPayloadType.SecurityAssociation, 1, Many),
        new(IsakmpPayloadType.Nonce, 1, 1),
        new(IsakmpPayloadType.KeyExchange, 0, 1),
        new(IsakmpPayloadType.Identification, 0, 2),
        // RFC 3947 §5.2: NAT-OAi and NAT-OAr.
        new(IsakmpPayloadType.NatOriginalAddress, 0, 2),
        Notifications,
        VendorIds,
    ];

    private static readonly IsakmpMessageShape QuickModeFirstOrSecond = new(
        Encrypted: true, QuickModeNegotiation, [], MessageIdRule.NonZero, ResponderCookieRule.Present,
        HashFirst: true, IdentitiesInPairs: true);

    private static readonly IsakmpMessageShape QuickModeThird = new(
        Encrypted: true, [OneHash], [], MessageIdRule.NonZero, ResponderCookieRule.Present, HashFirst: true);

    private static readonly IsakmpMessageShape InformationalProtected = new(
        Encrypted: true,
        [OneHash, new(IsakmpPayloadType.Notification, 0, Many), new(IsakmpPayloadType.Delete, 0, Many)],
        [NotificationOrDelete], MessageIdRule.NonZero, ResponderCookieRule.Any, HashFirst: true);

    private static readonly IsakmpMessageShape InformationalInClear = new(
        Encrypted: false,
        [new(IsakmpPayloadType.Notification, 0, Many), new(IsakmpPayloadType.Delete, 0, Many)],
        [NotificationOrDelete], MessageIdRule.Any, ResponderCookieRule.Any);

    private static readonly IsakmpMessageShape NewGroup = new(
        Encrypted: true, [OneHash, new(IsakmpPayloadType.SecurityAssociation, 1, 1)], [], MessageIdRule.NonZero,
        ResponderCookieRule.Present, HashFirst: true);

    private static readonly IsakmpMessageShape GmT0022MainModeAuthentication = new(
        Encrypted: true, [OneHash, VendorIds, Notifications], [], MessageIdRule.Zero, ResponderCookieRule.Present);

    /// <summary>GM/T 0022 main mode, by message number (1-based; messages 5 and 6 encrypted).</summary>
    private static readonly Dictionary<(int Number, bool Encrypted), IsakmpMessageShape> GmT0022MainMode = new()
    {
        [(1, false)] = MainModeSa with { ResponderCookie = ResponderCookieRule.Zero },
        // the responder's signing and encryption certificates: the initiator needs the latter to seal its envelope
        [(2, false)] = MainModeSa with
        {
            Payloads = [new(IsakmpPayloadType.SecurityAssociation, 1, 1), new(IsakmpPayloadType.Certificate, 2, 2), VendorIds, Notifications],
        },
        [(3, false)] = new(
            Encrypted: false,
            [new(IsakmpPayloadType.Nonce, 1, 1), new(IsakmpPayloadType.Identification, 1, 1), new(IsakmpPayloadType.Certificate, 2, 2),
             new(IsakmpPayloadType.Signature, 1, 1), NatDiscoveries, VendorIds, Notifications],
            [], MessageIdRule.Zero, ResponderCookieRule.Present),
        [(4, false)] = new(
            Encrypted: false,
            [new(IsakmpPayloadType.Nonce, 1, 1), new(IsakmpPayloadType.Identification, 1, 1), new(IsakmpPayloadType.Signature, 1, 1),
             NatDiscoveries, VendorIds, Notifications],
            [], MessageIdRule.Zero, ResponderCookieRule.Present),
        [(5, true)] = GmT0022MainModeAuthentication,
        [(6, true)] = GmT0022MainModeAuthentication,
    };

    private static readonly Dictionary<(IsakmpExchangeType Exchange, int Number, bool Encrypted), IsakmpMessageShape> Table = new()
    {
        [(IsakmpExchangeType.IdentityProtection, 1, false)] = MainModeSa with { ResponderCookie = ResponderCookieRule.Zero },
        [(IsakmpExchangeType.IdentityProtection, 2, false)] = MainModeSa,
        [(IsakmpExchangeType.IdentityProtection, 3, false)] = MainModeKeyExchange,
        [(IsakmpExchangeType.IdentityProtection, 4, false)] = MainModeKeyExchange,
        [(IsakmpExchangeType.IdentityProtection, 5, true)] = MainModeAuthentication,
        [(IsakmpExchangeType.IdentityProtection, 6, true)] = MainModeAuthentication,
        [(IsakmpExchangeType.Aggressive, 1, false)] = AggressiveFirst,
        [(IsakmpExchangeType.Aggressive, 2, false)] = AggressiveSecond,
        [(IsakmpExchangeType.Aggressive, 3, false)] = new(
            Encrypted: false, AggressiveThirdPayloads, [HashOrSignature], MessageIdRule.Zero, ResponderCookieRule.Present),
        [(IsakmpExchangeType.Aggressive, 3, true)] = new(
            Encrypted: true, AggressiveThirdPayloads, [HashOrSignature], MessageIdRule.Zero, ResponderCookieRule.Present),
        [(IsakmpExchangeType.QuickMode, 1, true)] = QuickModeFirstOrSecond,
        [(IsakmpExchangeType.QuickMode, 2, true)] = QuickModeFirstOrSecond,
        [(IsakmpExchangeType.QuickMode, 3, true)] = QuickModeThird,
        [(IsakmpExchangeType.Informational, 1, true)] = InformationalProtected,
        [(IsakmpExchangeType.Informational, 1, false)] = InformationalInClear,
        [(IsakmpExchangeType.NewGroupMode, 1, true)] = NewGroup,
        [(IsakmpExchangeType.NewGroupMode, 2, true)] = NewGroup,
    };

    /// <summary>How many messages each implemented exchange has.</summary>
    public static int MessageCount(IsakmpExchangeType exchange) => exchange switch
    {
        IsakmpExchangeType.IdentityProtection => 6,
        IsakmpExchangeType.Aggressive or IsakmpExchangeType.QuickMode => 3,
        IsakmpExchangeType.NewGroupMode => 2,
        IsakmpExchangeType.Informational => 1,
        _ => 0,
    };

    /// <summary>The shape of message <paramref name="number"/> (1-based) of an exchange, or null when it has none.</summary>
    public static IsakmpMessageShape? ShapeFor(IsakmpExchangeType exchange, int number, bool encrypted) =>
        Table.GetValueOrDefault((exchange, number, encrypted));

    /// <summary>Checks a message against the shape of message <paramref name="number"/> of its exchange; null when it conforms.</summary>
    public static IsakmpRuleViolation? Check(IsakmpMessage message, int number)
    {
        if (MessageCount(message.ExchangeType) == 0)
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.UnknownExchangeType);
        }

        if (number < 1 || number > MessageCount(message.ExchangeType))
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.UnknownMessageNumber);
        }

        IsakmpMessageShape? shape = message.MinorVersion != IsakmpHeader.CurrentMinorVersion && message.ExchangeType == IsakmpExchangeType.IdentityProtection
            ? GmT0022MainMode.GetValueOrDefault((number, message.IsEncrypted))
            : ShapeFor(message.ExchangeType, number, message.IsEncrypted);
        if (shape is null)
        {
            return new IsakmpRuleViolation(message.IsEncrypted
                ? IsakmpRuleViolationKind.MessageMustNotBeEncrypted
                : IsakmpRuleViolationKind.MessageMustBeEncrypted);
        }

        return CheckHeader(message, shape) ?? CheckPayloads(message, shape);
    }

    private static IsakmpRuleViolation? CheckHeader(IsakmpMessage message, IsakmpMessageShape shape)
    {
        if (shape.MessageId == MessageIdRule.Zero && message.MessageId != 0)
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.MessageIdMustBeZero);
        }

        if (shape.MessageId == MessageIdRule.NonZero && message.MessageId == 0)
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.MessageIdMustNotBeZero);
        }

        if (shape.ResponderCookie == ResponderCookieRule.Zero && message.ResponderCookie != 0)
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.ResponderCookieMustBeZero);
        }

        if (shape.ResponderCookie == ResponderCookieRule.Present && message.ResponderCookie == 0)
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.ResponderCookieMissing);
        }

        return null;
    }

    private static IsakmpRuleViolation? CheckPayloads(IsakmpMessage message, IsakmpMessageShape shape)
    {
        if (shape.HashFirst && (message.Payloads.Count == 0 || message.Payloads[0] is not HashPayload))
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.HashMustBeFirst, IsakmpPayloadType.Hash);
        }

        var counts = new Dictionary<IsakmpPayloadType, int>();
        foreach (IsakmpPayload payload in message.Payloads)
        {
            if (payload is UnknownPayload)
            {
                // Private use extensions we keep opaque do not change the exchange's shape.
                continue;
            }

            IsakmpPayloadType type = payload.Type.Normalize();
            if (!Array.Exists(shape.Payloads, rule => rule.Type == type))
            {
                return new IsakmpRuleViolation(IsakmpRuleViolationKind.PayloadNotAllowed, type);
            }

            counts[type] = counts.GetValueOrDefault(type) + 1;
        }

        foreach (IsakmpPayloadRule rule in shape.Payloads)
        {
            int count = counts.GetValueOrDefault(rule.Type);
            if (count > rule.Max)
            {
                return new IsakmpRuleViolation(IsakmpRuleViolationKind.TooManyPayloads, rule.Type);
            }

            if (count < rule.Min)
            {
                return new IsakmpRuleViolation(IsakmpRuleViolationKind.MissingPayload, rule.Type);
            }
        }

        foreach (IsakmpPayloadGroupRule group in shape.Groups)
        {
            int count = group.Types.Sum(type => counts.GetValueOrDefault(type));
            if (count > group.Max)
            {
                return new IsakmpRuleViolation(IsakmpRuleViolationKind.TooManyPayloads, group.Types[0]);
            }

            if (count < group.Min)
            {
                return new IsakmpRuleViolation(IsakmpRuleViolationKind.MissingPayload, group.Types[0]);
            }
        }

        if (shape.IdentitiesInPairs && counts.GetValueOrDefault(IsakmpPayloadType.Identification) == 1)
        {
            return new IsakmpRuleViolation(IsakmpRuleViolationKind.IdentitiesMustBePaired, IsakmpPayloadType.Identification);
        }

        return null;
    }
}
