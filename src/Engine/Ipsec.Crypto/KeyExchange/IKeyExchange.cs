using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>
/// One side of one Diffie-Hellman exchange (the KE payload of IKE_SA_INIT or CREATE_CHILD_SA, the KE of IKEv1 main,
/// aggressive and quick mode): a fresh private exponent, its public value, and the shared secret with the peer's value.
/// Disposing wipes the private exponent.
/// </summary>
public interface IKeyExchange : IDisposable
{
    DhGroup Group { get; }

    /// <summary>g^x mod p, big-endian, left-padded with zeros to the prime's length (RFC 7296 §3.4).</summary>
    ReadOnlySpan<byte> PublicValue { get; }

    /// <summary>
    /// g^xy mod p, left-padded with zeros to the prime's length (RFC 7296 §2.14). The caller owns the array and wipes it
    /// (CryptographicOperations.ZeroMemory) once the keys are derived.
    /// </summary>
    /// <exception cref="InvalidKeyExchangeValueException">The peer's value is not the prime's length or not in
    /// 1 &lt; y &lt; p-1 (RFC 6989 §2.1); check first with <see cref="PeerPublicValue.Check"/> to answer with a notify
    /// instead of catching.</exception>
    byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublic);
}
