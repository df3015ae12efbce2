using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Randomness;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>Makes <see cref="ManagedModPowKeyExchange"/>s with exponents from <see cref="PrivateExponent"/>.</summary>
public sealed class ManagedModPowKeyExchangeFactory(IRandomSource? random = null) : IKeyExchangeFactory
{
    private readonly IRandomSource _random = random ?? SystemRandomSource.Instance;

    public IKeyExchange Create(DhGroup group)
    {
        using var exponent = PrivateExponent.Generate(group, _random);
        return new ManagedModPowKeyExchange(group, exponent.Span);
    }
}
