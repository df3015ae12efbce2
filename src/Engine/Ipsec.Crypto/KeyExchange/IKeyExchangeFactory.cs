using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>Makes <see cref="IKeyExchange"/>s; the seam where tests fix the private exponent through the random source.</summary>
public interface IKeyExchangeFactory
{
    /// <summary>Starts an exchange in <paramref name="group"/> with a new random private exponent.</summary>
    IKeyExchange Create(DhGroup group);
}
