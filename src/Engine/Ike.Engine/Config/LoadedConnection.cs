using System.Net;
using System.Net.Sockets;
using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;

namespace Ike.Engine.Config;

/// <summary>
/// A <see cref="ConnectionConfig"/> checked and resolved once, when it is loaded: algorithm names to catalogue entries,
/// subnets to traffic selectors, identities to ID payloads. A bad name fails the load, never a negotiation.
/// </summary>
public sealed class LoadedConnection
{
    private LoadedConnection(ConnectionConfig config)
    {
        Config = config;
        IkeOffer = AlgorithmOffer.ForIke(config.Ike);
        ChildOffer = AlgorithmOffer.ForChild(config.Child);
        if (config.LocalSubnets.Count == 0 || config.RemoteSubnets.Count == 0)
        {
            throw new ArgumentException($"connection '{config.Name}' needs at least one local and one remote subnet");
        }

        if (config.IkeLifetime <= TimeSpan.Zero || config.ChildLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"connection '{config.Name}' needs positive lifetimes");
        }

        LocalSelectors = TrafficSelectors.FromSubnets(config.LocalSubnets);
        RemoteSelectors = TrafficSelectors.FromSubnets(config.RemoteSubnets);
        if (config.Certificates is { } credentials)
        {
            // RFC 7296 §3.5 ID_DER_ASN1_DN: "the binary Distinguished Encoding Rules (DER) encoding of an ASN.1 X.500
            // Distinguished Name"
            Certificates = LoadedCertificates.Load(config.Name, credentials, config.LocalId, config.RemoteId);
            LocalIdPayload = IdPayload.FromDistinguishedName(PayloadType.IdentificationInitiator, Certificates.LocalName.GetDerEncoded());
            RemoteIdPayload = IdPayload.FromDistinguishedName(PayloadType.IdentificationResponder, Certificates.RemoteName.GetDerEncoded());
        }
        else
        {
            LocalIdPayload = ToIdPayload(PayloadType.IdentificationInitiator, config.LocalId);
            RemoteIdPayload = ToIdPayload(PayloadType.IdentificationResponder, config.RemoteId);
        }
    }

    public ConnectionConfig Config { get; }

    public string Name => Config.Name;

    public AlgorithmOffer IkeOffer { get; }

    public AlgorithmOffer ChildOffer { get; }

    public IReadOnlyList<TrafficSelector> LocalSelectors { get; }

    public IReadOnlyList<TrafficSelector> RemoteSelectors { get; }

    /// <summary>SM2 certificate authentication (sm gateways); null for PSK connections.</summary>
    public LoadedCertificates? Certificates { get; }

    /// <summary>Our identity (built as IDi; <see cref="IdAs"/> retypes it).</summary>
    public IdPayload LocalIdPayload { get; }

    /// <summary>The identity the peer must present.</summary>
    public IdPayload RemoteIdPayload { get; }

    /// <exception cref="ArgumentException">Unknown algorithm, empty subnets, or an identity that is not printable.</exception>
    public static LoadedConnection Load(ConnectionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Protocol != IkeProtocol.Ikev2)
        {
            V1.Ikev1ConnectionRules.Validate(config);
        }

        return new LoadedConnection(config);
    }

    /// <summary>The same identity as IDi or IDr.</summary>
    public static IdPayload IdAs(IdPayload id, PayloadType type) => new(type, id.IdType, id.Data);

    /// <summary>True when <paramref name="received"/> names the same identity as <paramref name="expected"/>
    /// (type and data; FQDNs compare case-insensitively, as DNS names do; DNs as X.500 names, RFC 5280 §7.1).</summary>
    public static bool SameIdentity(IdPayload expected, IdPayload received)
    {
        if (expected.IdType != received.IdType)
        {
            return false;
        }

        if (expected.IdType == IdentificationType.DerAsn1Dn)
        {
            return DistinguishedNames.TryDecode(expected.Data, out var expectedName)
                && DistinguishedNames.TryDecode(received.Data, out var receivedName)
                && Ipsec.Certificates.X500NameMatching.AreEqual(expectedName, receivedName);
        }

        if (expected.IdType == IdentificationType.Fqdn && expected.TryGetText(out string? a) && received.TryGetText(out string? b))
        {
            return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        }

        return expected.Data.Span.SequenceEqual(received.Data.Span);
    }

    /// <summary>True when a datagram between these addresses may belong to this connection (an Any address matches all).</summary>
    public bool Matches(IPAddress local, IPAddress remote) =>
        (Config.LocalEndpoint.Address.Equals(IPAddress.Any) || Config.LocalEndpoint.Address.Equals(local))
        && (Config.RemoteEndpoint.Address.Equals(IPAddress.Any) || Config.RemoteEndpoint.Address.Equals(remote));

    /// <summary>PRODUCT.md §3: an IPv4 address is ID_IPV4_ADDR, anything else an FQDN (at most 100 characters, no spaces).</summary>
    private static IdPayload ToIdPayload(PayloadType type, string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || id.Any(c => c is <= ' ' or > '~'))
        {
            throw new ArgumentException($"identity '{id}' must be 1-100 printable characters without spaces");
        }

        return IPAddress.TryParse(id, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetwork
            ? IdPayload.FromAddress(type, address)
            : IdPayload.FromFqdn(type, id);
    }
}
