namespace Interop.Tests.Peers;

/// <summary>One IKE_SA as charon reports it (vici list-sa); names and values are strongSwan's.</summary>
/// <param name="Name">Connection name from swanctl.conf.</param>
/// <param name="State">CREATED, CONNECTING, ESTABLISHED, PASSIVE, REKEYING, REKEYED, DELETING or DESTROYING.</param>
/// <param name="InitiatorSpi">16 hex digits.</param>
/// <param name="EncryptionAlgorithm">e.g. AES_CBC, AES_GCM_16; null until negotiated.</param>
/// <param name="DhGroup">e.g. MODP_2048, CURVE_25519.</param>
public sealed record IkeSaInfo(
    string Name,
    uint UniqueId,
    int Version,
    string State,
    string? LocalHost,
    int? LocalPort,
    string? LocalId,
    string? RemoteHost,
    int? RemotePort,
    string? RemoteId,
    bool IsInitiator,
    string? InitiatorSpi,
    string? ResponderSpi,
    string? EncryptionAlgorithm,
    int? EncryptionKeySize,
    string? IntegrityAlgorithm,
    string? PrfAlgorithm,
    string? DhGroup,
    IReadOnlyList<ChildSaInfo> ChildSas)
{
    public bool IsEstablished => State == "ESTABLISHED";
}

/// <summary>One CHILD_SA of an IKE_SA.</summary>
/// <param name="Name">Child name from swanctl.conf (the vici section name adds "-uniqueid").</param>
/// <param name="State">CREATED, ROUTED, INSTALLING, INSTALLED, UPDATING, REKEYING, REKEYED, RETRYING, DELETING, DELETED or DESTROYING.</param>
/// <param name="Mode">TUNNEL, TRANSPORT, BEET, ...</param>
/// <param name="UdpEncapsulated">ESP in UDP (always, with kernel-libipsec).</param>
/// <param name="SpiIn">8 hex digits.</param>
/// <param name="LocalTrafficSelectors">e.g. 127.0.0.1/32.</param>
public sealed record ChildSaInfo(
    string Name,
    uint UniqueId,
    string State,
    string? Mode,
    string? Protocol,
    bool UdpEncapsulated,
    string? SpiIn,
    string? SpiOut,
    string? EncryptionAlgorithm,
    int? EncryptionKeySize,
    string? IntegrityAlgorithm,
    string? DhGroup,
    IReadOnlyList<string> LocalTrafficSelectors,
    IReadOnlyList<string> RemoteTrafficSelectors)
{
    public bool IsInstalled => State == "INSTALLED";
}
