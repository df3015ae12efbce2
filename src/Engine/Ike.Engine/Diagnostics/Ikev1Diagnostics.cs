using System.Text;
using Ike.Encoding.V1;
using Ike.Engine.Api;

namespace Ike.Engine.Diagnostics;

/// <summary>
/// IKEv1 failures in the same wording as the IKEv2 ones (<see cref="Diagnostics"/>): "EXCHANGE: REASON — what did not
/// match", e.g. "Main Mode: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024, we accept aes/sha256/modp2048".
/// The exchange is named as RFC 2409 names it ("Main Mode", "Aggressive Mode", "Quick Mode", "Informational"), the
/// reason as the RFC 2408 §3.14.1 notify with underscores. Never contains key material.
/// </summary>
public static class Ikev1Diagnostics
{
    public const string MainMode = "Main Mode";
    public const string AggressiveMode = "Aggressive Mode";
    public const string QuickMode = "Quick Mode";
    public const string Informational = "Informational";

    public static string ExchangeName(IsakmpExchangeType exchange) => exchange switch
    {
        IsakmpExchangeType.IdentityProtection => MainMode,
        IsakmpExchangeType.Aggressive => AggressiveMode,
        IsakmpExchangeType.QuickMode => QuickMode,
        IsakmpExchangeType.Informational => Informational,
        _ => $"EXCHANGE_{(byte)exchange}",
    };

    /// <summary>"NO_PROPOSAL_CHOSEN", "INVALID_ID_INFORMATION", "R_U_THERE": the RFC 2408 name of a notify type.</summary>
    public static string NotifyName(IsakmpNotifyType type)
    {
        if (!Enum.IsDefined(type))
        {
            return $"NOTIFY_{(ushort)type}";
        }

        string name = type.ToString();
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>We refused every phase 1 or quick mode proposal of the peer (we are responder).</summary>
    public static NegotiationDiagnostic NoProposalChosenLocal(string exchange, string peerOffered, string weAccept) =>
        Make(exchange, Diagnostics.Local, IsakmpNotifyType.NoProposalChosen, $"peer offered {peerOffered}, we accept {weAccept}");

    /// <summary>The peer refused our proposal (its NO_PROPOSAL_CHOSEN notify).</summary>
    public static NegotiationDiagnostic NoProposalChosenPeer(string exchange, string weOffered) =>
        Make(exchange, Diagnostics.Peer, IsakmpNotifyType.NoProposalChosen, $"peer accepts none of our proposal {weOffered}");

    /// <summary>The responder chose something we never offered (RFC 2408 §4.2 broken by the peer).</summary>
    public static NegotiationDiagnostic InvalidProposalAnswer(string exchange, string answered, string weOffered) =>
        Make(exchange, Diagnostics.Peer, IsakmpNotifyType.NoProposalChosen, $"peer chose {answered}, which is not in our proposal {weOffered}");

    /// <summary>The peer's HASH did not verify, or its ID is not the configured one.</summary>
    public static NegotiationDiagnostic AuthenticationFailedLocal(string exchange, string peerId, string expectedId) =>
        Make(exchange, Diagnostics.Local, IsakmpNotifyType.AuthenticationFailed, $"PSK mismatch or unexpected peer ID {peerId} (we expect {expectedId})");

    /// <summary>The peer is who we expect, but its HASH_I/HASH_R (keyed with SKEYID from the PSK) does not verify.</summary>
    public static NegotiationDiagnostic HashMismatchLocal(string exchange, string peerId) =>
        Make(exchange, Diagnostics.Local, IsakmpNotifyType.AuthenticationFailed, $"the peer's authentication hash does not verify with our PSK: PSK mismatch (peer ID {peerId} as expected)");

    /// <summary>The peer's first encrypted message did not decrypt: with pre-shared keys the cipher key comes from
    /// SKEYID = prf(PSK, Ni_b | Nr_b) (RFC 2409 §5), so two different PSKs give two different keys.</summary>
    public static NegotiationDiagnostic PskMismatchLocal(string exchange) =>
        Make(exchange, Diagnostics.Local, IsakmpNotifyType.AuthenticationFailed,
            "the peer's encrypted identity message does not decrypt with the key derived from our PSK: PSK mismatch");

    /// <summary>The peer rejected our authentication (its notify, or an answer we cannot decrypt).</summary>
    public static NegotiationDiagnostic AuthenticationFailedPeer(string exchange, string ourId, string peerId) =>
        Make(exchange, Diagnostics.Peer, IsakmpNotifyType.AuthenticationFailed,
            $"peer rejected our authentication: PSK mismatch or our ID {ourId} is not what the peer expects (we expect the peer as {peerId})");

    /// <summary>We refused the peer's quick mode identities (RFC 2407 §4.6.2: INVALID_ID_INFORMATION).</summary>
    public static NegotiationDiagnostic IdentitiesUnacceptableLocal(string peerLocal, string peerRemote, string ourLocal, string ourRemote) =>
        Make(QuickMode, Diagnostics.Local, IsakmpNotifyType.InvalidIdInformation, $"peer proposed {peerLocal} === {peerRemote}, we accept {ourRemote} === {ourLocal}");

    /// <summary>Any other error notify of the peer.</summary>
    public static NegotiationDiagnostic PeerNotify(string exchange, IsakmpNotifyType type, string context) =>
        Make(exchange, Diagnostics.Peer, type, context);

    /// <summary>A local refusal not covered by a specific shape.</summary>
    public static NegotiationDiagnostic LocalFailure(string exchange, string reason, string detail) =>
        new(exchange, Diagnostics.Local, reason, $"{exchange}: {reason} — {detail}");

    /// <summary>No answer after every retransmission; <paramref name="hint"/> says what that usually means here.</summary>
    public static NegotiationDiagnostic Timeout(string exchange, string remote, int retransmits, string? hint = null) =>
        new(exchange, Diagnostics.Network, "TIMEOUT",
            $"{exchange}: TIMEOUT — no answer from {remote} after {retransmits} retransmissions{(hint is null ? "" : $" ({hint})")}");

    private static NegotiationDiagnostic Make(string exchange, string side, IsakmpNotifyType reason, string detail)
    {
        string notify = NotifyName(reason);
        return new NegotiationDiagnostic(exchange, side, notify, $"{exchange}: {notify} — {detail}");
    }
}
