using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Kdf;

namespace Ike.Engine.Config;

/// <summary>The algorithms one IKE SA runs with once IKE_SA_INIT (or an IKE rekey) chose them: one transform of each
/// type (RFC 7296 §3.3: the accepted proposal carries exactly one transform per type).</summary>
public sealed record IkeSuite(EncryptionAlgorithm Encryption, AuthAlgorithm Prf, AuthAlgorithm Integrity, DhGroup Group)
{
    public IkeSaSuite KeySuite => new(Encryption, Prf, Integrity);

    /// <summary>"aes256/sha256/modp2048", or "aes256/prfsha1/sha256/modp2048" when PRF and integrity differ.</summary>
    public override string ToString() => Prf == Integrity
        ? $"{Encryption.ApiName}/{Integrity.ApiName}/{Group.ShortName}"
        : $"{Encryption.ApiName}/{Prf.PrfShortName}/{Integrity.ApiName}/{Group.ShortName}";
}

/// <summary>The ESP algorithms of one CHILD SA; <see cref="Group"/> is the PFS group of the exchange that made it, or null.</summary>
public sealed record ChildSuite(EncryptionAlgorithm Encryption, AuthAlgorithm Integrity, DhGroup? Group)
{
    public ChildSaSuite KeySuite => new(Encryption, Integrity);

    /// <summary>"aes128/sha256/modp2048", or "aes128/sha256" without PFS (the form of <see cref="Api.ChildSaSnapshot"/>).</summary>
    public override string ToString() => Group is null
        ? $"{Encryption.ApiName}/{Integrity.ApiName}"
        : $"{Encryption.ApiName}/{Integrity.ApiName}/{Group.ShortName}";
}
