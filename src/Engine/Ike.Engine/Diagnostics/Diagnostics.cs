using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;

namespace Ike.Engine.Diagnostics;

/// <summary>
/// Every failed negotiation becomes one <see cref="NegotiationDiagnostic"/> with the issue's wording pattern
/// "EXCHANGE: REASON — what did not match", e.g.
/// "IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048".
/// Side is "local" when we refused, "peer" when the peer's notify refused, "network" when nothing came back.
/// Never contains key material: only algorithm names, identities, selectors and addresses.
/// </summary>
public static class Diagnostics
{
    public const string Local = "local";
    public const string Peer = "peer";
    public const string Network = "network";

    public static string ExchangeName(ExchangeType exchange) => exchange switch
    {
        ExchangeType.IkeSaInit => "IKE_SA_INIT",
        ExchangeType.IkeAuth => "IKE_AUTH",
        ExchangeType.CreateChildSa => "CREATE_CHILD_SA",
        ExchangeType.Informational => "INFORMATIONAL",
        _ => $"EXCHANGE_{(byte)exchange}",
    };

    /// <summary>The IANA name of a notify type, as engineers see it in charon's log.</summary>
    public static string NotifyName(NotifyType type) => type switch
    {
        NotifyType.UnsupportedCriticalPayload => "UNSUPPORTED_CRITICAL_PAYLOAD",
        NotifyType.InvalidIkeSpi => "INVALID_IKE_SPI",
        NotifyType.InvalidMajorVersion => "INVALID_MAJOR_VERSION",
        NotifyType.InvalidSyntax => "INVALID_SYNTAX",
        NotifyType.InvalidMessageId => "INVALID_MESSAGE_ID",
        NotifyType.InvalidSpi => "INVALID_SPI",
        NotifyType.NoProposalChosen => "NO_PROPOSAL_CHOSEN",
        NotifyType.InvalidKePayload => "INVALID_KE_PAYLOAD",
        NotifyType.AuthenticationFailed => "AUTHENTICATION_FAILED",
        NotifyType.SinglePairRequired => "SINGLE_PAIR_REQUIRED",
        NotifyType.NoAdditionalSas => "NO_ADDITIONAL_SAS",
        NotifyType.InternalAddressFailure => "INTERNAL_ADDRESS_FAILURE",
        NotifyType.FailedCpRequired => "FAILED_CP_REQUIRED",
        NotifyType.TsUnacceptable => "TS_UNACCEPTABLE",
        NotifyType.InvalidSelectors => "INVALID_SELECTORS",
        NotifyType.TemporaryFailure => "TEMPORARY_FAILURE",
        NotifyType.ChildSaNotFound => "CHILD_SA_NOT_FOUND",
        _ => $"NOTIFY_{(ushort)type}",
    };

    /// <summary>"fqdn:idc.example", "ipv4:203.0.113.10", as charon would name the identity.</summary>
    public static string DescribeId(IdPayload id)
    {
        if (id.TryGetAddress(out var address))
        {
            return $"{(id.IdType == IdentificationType.Ipv4Address ? "ipv4" : "ipv6")}:{address}";
        }

        if (id.TryGetText(out string? text))
        {
            return $"{(id.IdType == IdentificationType.Fqdn ? "fqdn" : "email")}:{Printable(text!)}";
        }

        if (id.IdType == IdentificationType.DerAsn1Dn)
        {
            return Config.DistinguishedNames.Describe(id);
        }

        return $"id-type-{(byte)id.IdType}";
    }

    /// <summary>We refused the peer's proposals (we are responder).</summary>
    public static NegotiationDiagnostic NoProposalChosenLocal(ExchangeType exchange, string peerOffered, string weAccept) =>
        Make(exchange, Local, NotifyType.NoProposalChosen, $"peer offered {peerOffered}, we accept {weAccept}");

    /// <summary>The peer refused our proposal (we are initiator).</summary>
    public static NegotiationDiagnostic NoProposalChosenPeer(ExchangeType exchange, string weOffered) =>
        Make(exchange, Peer, NotifyType.NoProposalChosen, $"peer accepts none of our proposal {weOffered}");

    /// <summary>The answer chose something we never offered (RFC 7296 §2.7 broken by the peer).</summary>
    public static NegotiationDiagnostic InvalidProposalAnswer(ExchangeType exchange, string answered, string weOffered) =>
        Make(exchange, Peer, NotifyType.NoProposalChosen, $"peer chose {answered}, which is not in our proposal {weOffered}");

    /// <summary>The peer's AUTH did not verify, or its ID is not the configured one.</summary>
    public static NegotiationDiagnostic AuthenticationFailedLocal(ExchangeType exchange, string peerId, string expectedId) =>
        Make(exchange, Local, NotifyType.AuthenticationFailed, $"PSK mismatch or unexpected peer ID {peerId} (we expect {expectedId})");

    /// <summary>The peer rejected our AUTH.</summary>
    public static NegotiationDiagnostic AuthenticationFailedPeer(ExchangeType exchange, string ourId, string peerId) =>
        Make(exchange, Peer, NotifyType.AuthenticationFailed, $"peer rejected our authentication: PSK mismatch or our ID {ourId} is not what the peer expects (we expect the peer as {peerId})");

    /// <summary>The peer's SM2 certificate authentication failed here: <paramref name="detail"/> names the rule (wrong CA,
    /// expired, subject mismatch, bad signature, ...).</summary>
    public static NegotiationDiagnostic CertificateAuthenticationFailedLocal(ExchangeType exchange, string detail) =>
        Make(exchange, Local, NotifyType.AuthenticationFailed, detail);

    /// <summary>The peer rejected our SM2 certificate authentication.</summary>
    public static NegotiationDiagnostic CertificateAuthenticationFailedPeer(ExchangeType exchange, string ourId, string ourIssuer) =>
        Make(exchange, Peer, NotifyType.AuthenticationFailed,
            $"peer rejected our certificate authentication: check that it trusts our CA {ourIssuer} as its peer CA and expects our ID {ourId} (or that CA's subject) as its remote ID");

    public static NegotiationDiagnostic TsUnacceptableLocal(ExchangeType exchange, string peerTsi, string peerTsr, string ourLocal, string ourRemote) =>
        Make(exchange, Local, NotifyType.TsUnacceptable, $"peer proposed {peerTsi} === {peerTsr}, we accept {ourRemote} === {ourLocal}");

    public static NegotiationDiagnostic TsUnacceptablePeer(ExchangeType exchange, string ourTsi, string ourTsr) =>
        Make(exchange, Peer, NotifyType.TsUnacceptable, $"peer accepts none of our traffic selectors {ourTsi} === {ourTsr}");

    public static NegotiationDiagnostic InvalidKe(ExchangeType exchange, string detail) =>
        Make(exchange, Peer, NotifyType.InvalidKePayload, detail);

    /// <summary>Any other error notify the peer answered with.</summary>
    public static NegotiationDiagnostic PeerNotify(ExchangeType exchange, NotifyType type, string context) =>
        Make(exchange, Peer, type, context);

    /// <summary>A local refusal not covered by a specific shape.</summary>
    public static NegotiationDiagnostic LocalFailure(ExchangeType exchange, string reason, string detail) =>
        new(ExchangeName(exchange), Local, reason, $"{ExchangeName(exchange)}: {reason} — {detail}");

    public static NegotiationDiagnostic Timeout(ExchangeType exchange, string remote, int retransmits) =>
        new(ExchangeName(exchange), Network, "TIMEOUT",
            $"{ExchangeName(exchange)}: TIMEOUT — no answer from {remote} after {retransmits} retransmissions");

    private static NegotiationDiagnostic Make(ExchangeType exchange, string side, NotifyType reason, string detail)
    {
        string name = ExchangeName(exchange);
        string notify = NotifyName(reason);
        return new NegotiationDiagnostic(name, side, notify, $"{name}: {notify} — {detail}");
    }

    private static string Printable(string text) =>
        new([.. text.Take(100).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
}
