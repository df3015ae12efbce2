using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>The peer sent a Diffie-Hellman public value that must not be used (RFC 6989 §2.1, RFC 7296 §3.4).</summary>
public sealed class InvalidKeyExchangeValueException : CryptographicException
{
    public InvalidKeyExchangeValueException(DhGroup group, KeyExchangeFailure failure)
        : base($"Peer's {group.ApiName} public value refused: {failure}.")
    {
        Group = group;
        Failure = failure;
    }

    public DhGroup Group { get; }

    public KeyExchangeFailure Failure { get; }
}
