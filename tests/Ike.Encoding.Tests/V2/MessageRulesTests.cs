using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2;

public class MessageRulesTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Messages_shaped_as_in_rfc_7296_conform(string sample) =>
        Assert.Null(MessageRules.Check(SampleMessages.ByName(sample)));

    public static TheoryData<string, IkeMessage, MessageRuleViolation> Rejected
    {
        get
        {
            IkeMessage init = SampleMessages.IkeSaInitRequest();
            IkeMessage auth = SampleMessages.IkeAuthRequest();
            IkeMessage authResponse = SampleMessages.IkeAuthResponse();
            IkeMessage child = SampleMessages.CreateChildSaRekey();
            IkeMessage info = SampleMessages.DeleteChildSas();
            return new TheoryData<string, IkeMessage, MessageRuleViolation>
            {
                {
                    "IKE_SA_INIT request without KE",
                    init with { Payloads = [.. init.Payloads.Where(p => p is not KePayload)] },
                    new(MessageRuleViolationKind.MissingPayload, PayloadType.KeyExchange)
                },
                {
                    "IKE_SA_INIT request with two nonces",
                    init with { Payloads = [.. init.Payloads, SampleMessages.Nonce] },
                    new(MessageRuleViolationKind.TooManyPayloads, PayloadType.Nonce)
                },
                {
                    "IKE_SA_INIT request with an AUTH payload",
                    init with { Payloads = [.. init.Payloads, SampleMessages.Auth] },
                    new(MessageRuleViolationKind.PayloadNotAllowed, PayloadType.Authentication)
                },
                {
                    "IKE_SA_INIT request with SK",
                    init with { EncryptedPayloads = [] },
                    new(MessageRuleViolationKind.PayloadMustNotBeEncrypted, PayloadType.Encrypted)
                },
                {
                    "IKE_SA_INIT request with an error notify is not relaxed",
                    init with { Payloads = [init.Payloads[0], NotifyPayload.Create(NotifyType.InvalidSyntax)] },
                    new(MessageRuleViolationKind.MissingPayload, PayloadType.KeyExchange)
                },
                {
                    "IKE_AUTH request with an unencrypted IDi",
                    auth with
                    {
                        Payloads = [auth.EncryptedPayloads![0]],
                        EncryptedPayloads = [.. auth.EncryptedPayloads.Skip(1)],
                    },
                    new(MessageRuleViolationKind.PayloadMustBeEncrypted, PayloadType.IdentificationInitiator)
                },
                {
                    "IKE_AUTH request without SK",
                    auth with { Payloads = auth.EncryptedPayloads!, EncryptedPayloads = null },
                    new(MessageRuleViolationKind.MessageMustBeProtected)
                },
                {
                    "IKE_AUTH request without AUTH",
                    auth with { EncryptedPayloads = [.. auth.EncryptedPayloads!.Where(p => p is not AuthPayload)] },
                    new(MessageRuleViolationKind.MissingPayload, PayloadType.Authentication)
                },
                {
                    "IKE_AUTH request with SA but no TSr",
                    auth with { EncryptedPayloads = [.. auth.EncryptedPayloads!.Where(p => p.Type != PayloadType.TrafficSelectorResponder)] },
                    new(MessageRuleViolationKind.PayloadsMustAppearTogether, PayloadType.TrafficSelectorResponder)
                },
                {
                    "IKE_AUTH response with IDi",
                    authResponse with { EncryptedPayloads = [.. authResponse.EncryptedPayloads!, IdPayload.FromFqdn(PayloadType.IdentificationInitiator, "x")] },
                    new(MessageRuleViolationKind.PayloadNotAllowed, PayloadType.IdentificationInitiator)
                },
                {
                    "IKE_AUTH response without IDr and without an error notify",
                    authResponse with { EncryptedPayloads = [.. authResponse.EncryptedPayloads!.Where(p => p is not IdPayload)] },
                    new(MessageRuleViolationKind.MissingPayload, PayloadType.IdentificationResponder)
                },
                {
                    "IKE_AUTH response with only a status notify",
                    authResponse with { EncryptedPayloads = [NotifyPayload.Create(NotifyType.InitialContact)] },
                    new(MessageRuleViolationKind.MissingPayload, PayloadType.IdentificationResponder)
                },
                {
                    "IKE_AUTH response with two AUTH payloads even with an error notify",
                    authResponse with { EncryptedPayloads = [SampleMessages.Auth, SampleMessages.Auth, NotifyPayload.Create(NotifyType.TsUnacceptable)] },
                    new(MessageRuleViolationKind.TooManyPayloads, PayloadType.Authentication)
                },
                {
                    "CREATE_CHILD_SA request without nonce",
                    child with { EncryptedPayloads = [.. child.EncryptedPayloads!.Where(p => p is not NoncePayload)] },
                    new(MessageRuleViolationKind.MissingPayload, PayloadType.Nonce)
                },
                {
                    "CREATE_CHILD_SA request with TSi only",
                    child with { EncryptedPayloads = [.. child.EncryptedPayloads!.Where(p => p.Type != PayloadType.TrafficSelectorResponder)] },
                    new(MessageRuleViolationKind.PayloadsMustAppearTogether, PayloadType.TrafficSelectorResponder)
                },
                {
                    "CREATE_CHILD_SA request with a Delete payload",
                    child with { EncryptedPayloads = [.. child.EncryptedPayloads!, DeletePayload.ForIkeSa()] },
                    new(MessageRuleViolationKind.PayloadNotAllowed, PayloadType.Delete)
                },
                {
                    "INFORMATIONAL request with a nonce",
                    info with { EncryptedPayloads = [.. info.EncryptedPayloads!, SampleMessages.Nonce] },
                    new(MessageRuleViolationKind.PayloadNotAllowed, PayloadType.Nonce)
                },
                {
                    "INFORMATIONAL request with a notify outside SK",
                    info with { Payloads = [NotifyPayload.Create(NotifyType.InitialContact)] },
                    new(MessageRuleViolationKind.PayloadMustBeEncrypted, PayloadType.Notify)
                },
                {
                    "unknown exchange type",
                    info with { ExchangeType = (ExchangeType)43 },
                    new(MessageRuleViolationKind.UnknownExchangeType)
                },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Messages_that_break_the_exchange_shape_are_rejected(string rule, IkeMessage message, MessageRuleViolation expected)
    {
        Assert.NotEmpty(rule);
        Assert.Equal(expected, MessageRules.Check(message));
    }

    [Fact]
    public void Error_notifies_relax_the_minimum_counts_of_responses()
    {
        // §1.2: "IKE_SA_INIT response ... N(INVALID_KE_PAYLOAD)" alone; §2.21: error responses omit the normal payloads.
        var invalidKe = new IkeMessage(1, 0, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, 0, [NotifyPayload.InvalidKe(19)]);
        var noProposal = new IkeMessage(1, 2, ExchangeType.CreateChildSa, IkeHeaderFlags.Response, 3, [],
            [NotifyPayload.Create(NotifyType.NoProposalChosen)]);

        Assert.Null(MessageRules.Check(invalidKe));
        Assert.Null(MessageRules.Check(noProposal));
    }

    [Fact]
    public void The_decoder_applies_the_rules_after_parsing()
    {
        // IKE_SA_INIT request carrying only a nonce: well-formed, but KE and SA are missing.
        const string Hex16 = "000102030405060708090a0b0c0d0e0f";
        byte[] datagram = Hex.Parse("0102030405060708 0000000000000000 28 20 22 08 00000000 00000030 | 00000014" + Hex16);

        DecodeResult result = IkeMessageCodec.Decode(datagram, null);

        Assert.Equal(DecodeStatus.RuleViolation, result.Status);
        Assert.Equal(new MessageRuleViolation(MessageRuleViolationKind.MissingPayload, PayloadType.SecurityAssociation), result.RuleViolation);
        Assert.NotNull(result.Message);
    }

    [Fact]
    public void The_tables_are_published_per_exchange_and_direction()
    {
        IReadOnlyList<PayloadRule> rules = MessageRules.RulesFor(ExchangeType.IkeAuth, isRequest: true)!;

        Assert.Contains(new PayloadRule(PayloadType.IdentificationInitiator, 1, 1, Encrypted: true), rules);
        Assert.Null(MessageRules.RulesFor((ExchangeType)99, isRequest: true));
    }
}
