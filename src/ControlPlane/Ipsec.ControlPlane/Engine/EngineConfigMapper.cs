using System.Net;
using Ike.Engine.Api;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Engine;

/// <summary>Timing and ports of the engine as the host runs it (configuration section <c>Engine</c>).</summary>
public sealed record EngineSettings(int IkePort = 500, int NatPort = 4500, int PeerIkePort = 500, int DpdIntervalSeconds = 10, int DpdTimeoutSeconds = 30)
{
    /// <summary>
    /// Customer gateway addresses whose IKE port is not <see cref="PeerIkePort"/> (configuration
    /// <c>Engine:PeerIkePorts:{address}</c> = port). Empty in production, where peers listen on 500 (RFC 7296 §2). The
    /// local runtime's demo customer gateway needs one: its charon binds the wildcard address, so it cannot take 500/4500
    /// next to the gateway engine on the same host and listens on its own ports instead.
    /// </summary>
    public IReadOnlyDictionary<string, int> PeerIkePorts { get; init; } = new Dictionary<string, int>();

    /// <summary>The UDP port the engine sends IKE to for this customer gateway address.</summary>
    public int PeerIkePortFor(string customerGatewayIp) =>
        PeerIkePorts.TryGetValue(customerGatewayIp, out int port) ? port : PeerIkePort;

    /// <summary>
    /// Local addresses of gateways whose public IP is not an address of the host (configuration
    /// <c>Engine:BindAddresses:{publicIp}</c> = local address): a cloud VM behind 1:1 NAT, where the public IP lives on the
    /// provider's edge. The engine listens and sends on the local address; its identity stays the connection's localId
    /// (the public IP by default), and NAT-D shows the peer a NAT on our side, so the SAs float to 4500 (RFC 7296 §2.23).
    /// </summary>
    public IReadOnlyDictionary<string, string> BindAddresses { get; init; } = new Dictionary<string, string>();

    /// <summary>The address the engine of the gateway with this public IP binds.</summary>
    public string BindAddressFor(string gatewayPublicIp) =>
        BindAddresses.TryGetValue(gatewayPublicIp, out string? local) ? local : gatewayPublicIp;
}

/// <summary>Turns a connection (the product's API view) into the engine's <see cref="ConnectionConfig"/>.</summary>
public static class EngineConfigMapper
{
    /// <summary>Why the engine cannot run this connection, or null when it can.</summary>
    public static string? Unsupported(ConnectionSettings s) =>
        IsSm(s) && s.IkeConfig.IkeVersion == IkeVersion.Ikev1 && s.IkeConfig.IkeMode == IkeMode.Aggressive
            ? "sm connections negotiate with IKEv1 main mode (GM/T 0022) or IKEv2; aggressive mode with SM2 certificates is not supported"
            : null;

    /// <summary>sm gateways' connections authenticate with SM2 certificates (they carry the peer CA, never a PSK).</summary>
    public static bool IsSm(ConnectionSettings s) => s.RemoteCaCertificate is not null;

    /// <param name="certificates">For sm connections: the gateway's signing and encryption certificates with their keys
    /// (the peer CA comes from the connection). Our identity on the wire is then the signing certificate's subject DN
    /// (RFC 7296 §3.5 ID_DER_ASN1_DN, GM/T 0022 likewise), whatever the API's localId says (it defaults to the public IP,
    /// which a certificate identity cannot be); remoteId is the peer CA's subject (PRODUCT.md §3), which admits any
    /// gateway certificate that CA issued.</param>
    public static ConnectionConfig Map(GatewayConnectionSpec spec, EngineSettings engine, Certificates.SmGatewayCredentials? certificates = null)
    {
        CertificateCredentials? credentials = null;
        if (IsSm(spec.Settings))
        {
            if (certificates is null) throw new InvalidOperationException("an sm connection needs the gateway's SM certificates");
            if (!Ipsec.Certificates.SmCertificatePem.TryReadSingle(spec.Settings.RemoteCaCertificate, out var peerCa, out var problem))
                throw new InvalidOperationException($"the connection's peer CA certificate cannot be read: {problem.Message}");
            credentials = new CertificateCredentials(certificates.SigningCertificate, certificates.SigningKey,
                certificates.EncryptionCertificate, certificates.EncryptionKey, peerCa);
        }
        var s = spec.Settings;
        var ike = s.IkeConfig;
        var esp = s.IpsecConfig;
        return new ConnectionConfig(
            Name: EngineConnectionNames.Of(spec.AccountId, spec.ConnectionId),
            Protocol: ike.IkeVersion == IkeVersion.Ikev2 ? IkeProtocol.Ikev2 : ike.IkeMode == IkeMode.Aggressive ? IkeProtocol.Ikev1Aggressive : IkeProtocol.Ikev1Main,
            LocalEndpoint: new IPEndPoint(IPAddress.Parse(engine.BindAddressFor(spec.GatewayPublicIp)), engine.IkePort),
            RemoteEndpoint: new IPEndPoint(IPAddress.Parse(spec.CustomerGatewayIp), engine.PeerIkePortFor(spec.CustomerGatewayIp)),
            LocalId: credentials is null ? ike.LocalId : Ipsec.Certificates.X500NameMatching.ToRfc4514(credentials.SigningCertificate.SubjectDN),
            RemoteId: ike.RemoteId,
            Psk: new PreSharedKey(spec.Psk),
            Ike: new IkeProposalConfig(ike.IkeEncAlg, ike.IkeAuthAlg, ike.IkePfs ?? "group14"),
            Child: new ChildProposalConfig(esp.IpsecEncAlg, esp.IpsecAuthAlg, esp.IpsecPfs == AlgorithmCatalog.PfsDisabled ? null : esp.IpsecPfs),
            LocalSubnets: s.LocalSubnets.Select(Subnet.Parse).ToList(),
            RemoteSubnets: s.RemoteSubnets.Select(Subnet.Parse).ToList(),
            IkeLifetime: TimeSpan.FromSeconds(ike.IkeLifetime),
            ChildLifetime: TimeSpan.FromSeconds(esp.IpsecLifetime),
            Dpd: s.EnableDpd ? new DpdConfig(TimeSpan.FromSeconds(engine.DpdIntervalSeconds), TimeSpan.FromSeconds(engine.DpdTimeoutSeconds)) : null,
            NatTraversal: s.EnableNatTraversal,
            // effectImmediately=false: the first outbound packet for the tunnel (the gateway's own traffic: health-check
            // probes) starts the negotiation; POST /api/connections/{id}/negotiate starts it by hand.
            StartAction: s.EffectImmediately ? StartAction.Immediately : StartAction.OnTraffic,
            Certificates: credentials);
    }
}
