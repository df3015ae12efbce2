using System.Security.Cryptography;
using Ike.Engine.Api;

namespace Ipsec.ControlPlane.Engine;

/// <summary>
/// Which modifications of a running connection need its SAs negotiated again (PRODUCT.md §3 modify; issue 5 item 4).
/// What was agreed in IKE_SA_INIT / IKE_AUTH / CREATE_CHILD_SA (or main/aggressive/quick mode) cannot change inside an
/// SA: algorithms, identities, the PSK, traffic selectors, the IKE version or mode, the addresses and NAT-T. Lifetimes,
/// DPD and the start action are the engine's own timers and apply to the running SAs from now on (RFC 7296 §2.8: the
/// lifetime is local policy, never negotiated), so changing them must not make the tunnel flap.
/// </summary>
public static class RenegotiationRule
{
    /// <summary>What changed that the running SAs cannot take, in words for the connection's history; null when the SAs
    /// can stay.</summary>
    public static string? Reason(ConnectionConfig before, ConnectionConfig after)
    {
        var changes = new List<string>();
        if (before.Protocol != after.Protocol) changes.Add($"IKE version/mode {Name(before.Protocol)} → {Name(after.Protocol)}");
        if (!before.LocalEndpoint.Equals(after.LocalEndpoint) || !before.RemoteEndpoint.Equals(after.RemoteEndpoint))
            changes.Add($"gateway addresses {before.LocalEndpoint.Address}↔{before.RemoteEndpoint.Address} → {after.LocalEndpoint.Address}↔{after.RemoteEndpoint.Address}");
        if (before.LocalId != after.LocalId || before.RemoteId != after.RemoteId)
            changes.Add($"identities {before.LocalId}/{before.RemoteId} → {after.LocalId}/{after.RemoteId}");
        // The PSK is compared, never shown.
        if (!CryptographicOperations.FixedTimeEquals(before.Psk.Bytes, after.Psk.Bytes)) changes.Add("pre-shared key");
        if (before.Ike != after.Ike) changes.Add($"IKE proposal {Ike(before.Ike)} → {Ike(after.Ike)}");
        if (before.Child != after.Child) changes.Add($"IPsec proposal {Child(before.Child)} → {Child(after.Child)}");
        if (!before.LocalSubnets.SequenceEqual(after.LocalSubnets) || !before.RemoteSubnets.SequenceEqual(after.RemoteSubnets))
            changes.Add($"subnets {Subnets(before)} → {Subnets(after)}");
        if (!Equals(before.Certificates?.PeerCa, after.Certificates?.PeerCa)
            || !Equals(before.Certificates?.SigningCertificate, after.Certificates?.SigningCertificate))
            changes.Add("certificates (peer CA or the gateway's own)");
        if (before.NatTraversal != after.NatTraversal) changes.Add($"NAT traversal {On(before.NatTraversal)} → {On(after.NatTraversal)}");
        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

    static string Name(IkeProtocol p) => p switch { IkeProtocol.Ikev2 => "ikev2", IkeProtocol.Ikev1Main => "ikev1 main", _ => "ikev1 aggressive" };

    static string Ike(IkeProposalConfig p) => $"{p.Encryption}/{p.Integrity}/{p.DhGroup}";

    static string Child(ChildProposalConfig p) => $"{p.Encryption}/{p.Integrity}/{p.PfsGroup ?? "no pfs"}";

    static string Subnets(ConnectionConfig c) => $"{string.Join(",", c.LocalSubnets)} === {string.Join(",", c.RemoteSubnets)}";

    static string On(bool on) => on ? "on" : "off";
}
