using Ipsec.Crypto.Randomness;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>Picks the key exchange implementation the engine uses unless told otherwise.</summary>
/// <remarks>
/// OpenSSL is the default: in tests/Benchmarks/Ipsec.Crypto.Benchmarks it is the fastest of the three for group14 and
/// the only one whose exponentiation is constant-time and whose private exponent is wiped. Where libcrypto.so.3 is
/// missing (a Windows developer machine), BouncyCastle is next fastest.
/// </remarks>
public static class KeyExchangeFactories
{
    public static IKeyExchangeFactory CreateDefault(IRandomSource? random = null) =>
        OpenSslKeyExchange.IsSupported
            ? new OpenSslKeyExchangeFactory(random)
            : new BouncyCastleKeyExchangeFactory(random);
}
