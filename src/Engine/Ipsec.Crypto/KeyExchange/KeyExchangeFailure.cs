namespace Ipsec.Crypto.KeyExchange;

/// <summary>Why a peer's Diffie-Hellman public value was refused.</summary>
public enum KeyExchangeFailure
{
    None,

    /// <summary>Not exactly the prime's length: RFC 7296 §3.4 requires MODP values padded to the prime's length.</summary>
    WrongLength,

    /// <summary>y ≤ 1 or y ≥ p-1: RFC 6989 §2.1 (y = 0, 1 and p-1 force the shared secret into {0, 1, p-1}).</summary>
    OutOfRange,
}
