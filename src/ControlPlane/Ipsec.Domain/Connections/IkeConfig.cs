namespace Ipsec.Domain;

/// <summary>
/// Phase 1 settings, algorithm names spelled as the API spells them ("aes", "3des", "sha256", "group14", "sm4").
/// <see cref="IkePfs"/> is the phase 1 Diffie-Hellman group; null on sm gateways, where the SM suite fixes the key
/// exchange. <see cref="RemoteId"/> is a DN on sm gateways.
/// </summary>
public sealed record IkeConfig(
    IkeVersion IkeVersion,
    IkeMode IkeMode,
    string IkeEncAlg,
    string IkeAuthAlg,
    string? IkePfs,
    int IkeLifetime,
    string LocalId,
    string RemoteId);
