namespace Ipsec.Domain;

/// <summary>
/// Phase 2 settings. <see cref="IpsecPfs"/> is "disabled" or a DH group; any group turns Perfect Forward Secrecy on,
/// and the peer must have it on too.
/// </summary>
public sealed record IpsecConfig(string IpsecEncAlg, string IpsecAuthAlg, string IpsecPfs, int IpsecLifetime);
