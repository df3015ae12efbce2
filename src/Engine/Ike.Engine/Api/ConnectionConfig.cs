using System.Net;

namespace Ike.Engine.Api;

/// <summary>Which IKE flavour a connection speaks. IKEv1 modes are for the IKEv1 engine (a later issue).</summary>
public enum IkeProtocol { Ikev2, Ikev1Main, Ikev1Aggressive }

/// <summary>When the engine negotiates: only on command, on the first outbound packet for the remote subnets
/// (the product's <c>effectImmediately=false</c>), or as soon as the connection is loaded.</summary>
public enum StartAction { None, OnTraffic, Immediately }

/// <summary>Phase-1 (IKE SA) algorithms, in the product's API names: encryption "aes" | "aes192" | "aes256" | "des" |
/// "3des", integrity/PRF "md5" | "sha1" | "sha256" | "sha384" | "sha512", DH "group1" | "group2" | "group5" | "group14".
/// Mapped to wire ids only through Ipsec.Crypto's AlgorithmCatalog.</summary>
public sealed record IkeProposalConfig(string Encryption, string Integrity, string DhGroup);

/// <summary>Phase-2 (CHILD SA / ESP) algorithms; <see cref="PfsGroup"/> null means no PFS (the API's "disabled").</summary>
public sealed record ChildProposalConfig(string Encryption, string Integrity, string? PfsGroup);

/// <summary>Dead-peer detection: a liveness check after <see cref="Interval"/> without inbound traffic; the peer is
/// declared dead when no answer arrives within <see cref="Timeout"/> (retransmissions included).</summary>
public sealed record DpdConfig(TimeSpan Interval, TimeSpan Timeout);

/// <summary>An IPv4 subnet used as a traffic selector (RFC 7296 §3.13.1, TS_IPV4_ADDR_RANGE, all protocols and ports).</summary>
public sealed record Subnet(IPAddress Network, int PrefixLength)
{
    public static Subnet Parse(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out int prefix) || prefix is < 0 or > 32)
            throw new FormatException($"'{cidr}' is not an IPv4 CIDR");
        return new Subnet(ip, prefix);
    }

    public override string ToString() => $"{Network}/{PrefixLength}";
}

/// <summary>
/// One connection as the engine runs it (what the control plane pushes and what the agent reads from its file).
/// Identities are an IPv4 address ("203.0.113.10" → ID_IPV4_ADDR) or anything else as an FQDN (ID_FQDN). With
/// <see cref="Certificates"/> (sm gateways) the connection authenticates with SM2 certificates instead of
/// <see cref="Psk"/> (ignored, may be empty), and both identities are X.500 DNs ("CN=gw.example,O=Example,C=CN"),
/// sent as ID_DER_ASN1_DN and compared as DNs.
/// </summary>
public sealed record ConnectionConfig(
    string Name,
    IkeProtocol Protocol,
    IPEndPoint LocalEndpoint,
    IPEndPoint RemoteEndpoint,
    string LocalId,
    string RemoteId,
    PreSharedKey Psk,
    IkeProposalConfig Ike,
    ChildProposalConfig Child,
    IReadOnlyList<Subnet> LocalSubnets,
    IReadOnlyList<Subnet> RemoteSubnets,
    TimeSpan IkeLifetime,
    TimeSpan ChildLifetime,
    DpdConfig? Dpd,
    bool NatTraversal,
    StartAction StartAction,
    CertificateCredentials? Certificates = null);
