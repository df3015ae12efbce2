using System.Numerics;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.KeyExchange;
using Ipsec.Crypto.Randomness;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.KeyExchange;

public class KeyExchangeTests
{
    public enum Implementation
    {
        ManagedModPow,
        BouncyCastle,
        OpenSsl,
    }

    public static TheoryData<Implementation> Implementations => new()
    {
        Implementation.ManagedModPow,
        Implementation.BouncyCastle,
        Implementation.OpenSsl,
    };

    public static TheoryData<Implementation, Implementation, string> PairsAndGroups
    {
        get
        {
            var data = new TheoryData<Implementation, Implementation, string>();
            foreach (var group in new[] { "group1", "group2", "group5", "group14" })
            {
                data.Add(Implementation.ManagedModPow, Implementation.BouncyCastle, group);
                data.Add(Implementation.BouncyCastle, Implementation.OpenSsl, group);
                data.Add(Implementation.OpenSsl, Implementation.ManagedModPow, group);
            }

            return data;
        }
    }

    // Computed independently with python3 (p from OpenSSL's BN_get_rfc3526_prime_2048, checked against RFC 3526 §3):
    //   xa = int.from_bytes(bytes(range(1, 41)), 'big'); xb = int.from_bytes(bytes(range(0x41, 0x41 + 40)), 'big')
    //   pow(2, xa, p).to_bytes(256, 'big').hex();  pow(pow(2, xb, p), xa, p).to_bytes(256, 'big').hex()
    private const string Group14PublicA =
        "f0cdbd67b9f7aa420ec897f258819be9496e9a0a5726c89df16dd7f451c98e45fb7738b946ffcc3743438f668c562d06c65d330de82a1078bf6f9292fdc86bec74ac0c26640704012785c1611d3c4f3ec28877eff3f5b11ce33a905b731dafcac4daf7e440d201db0ec4888a4e080572c92c1db2886612a28b6ab995987c8767b6a3f577e277713abefe80b9948bd5b71b931d19185d503acf998c6e4b1cdaa3bc6b1ba20c71e6aceab8bdbf477c4706bea69f095f7687f47e93f99695fe582c7cab8d33f0267dbf4aab867f3a7f7a7f626e520129cd0fa3c7dc290f59217de17293bef38ae9b3bd3829226a08f611a9077a9acf31a954332f5a54d6eb7d524b";

    private const string Group14SharedSecret =
        "d355067f084adc49c665671675dd3cdb80e9a5503dc2e439e0e0d60fdeac1957640ef14da60d3e07673c402ce56d78721ee90f62f05420f1978ca7b00173da2450ca22b4b934b2a17eb35d26b92725273454f39caec89e164234f4b461dd0d98b10a67c723b463f13382600c949d5d63710d1c758d5b05aea5f3b224aa2e44f34c481a946da5c85279242d873fdb936df3a520f4fef45e039db2767a63aa112cd60ea052118c28423880948ec26fce566af37fbab4b268bce00e9dd1d7b751c157574a3df7d3d9d09dce1fe6b002afe8cc7197bf8352dccabc304f969ce18892b29941f2de502166b82a7729b1b90d41f4023dea1c343998298870a841371a71";

    // python3, p = BN_get_rfc2409_prime_1024: pow(pow(2, 1000, p), 1196, p).to_bytes(128, 'big').hex()
    // (the first x >= 2 whose shared secret with y = 2^1000 is shorter than the prime).
    private const string Group2SharedSecretWithLeadingZero =
        "00beb1f8a664cc4928bb1b4a84ab144b990dafff0d79913a37bac5280f23348375c0c70b73f23c10a5a22aaabfa016c219760ed76fcf0735bf2270546925fb50a293f02805093016d51d9aa9e3b586fba2785efb1e9288219a6880e4c82d091f64111da68e2b6ee8112d366109b99169425c27e405d633701a9b1b3005ca290f";

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Fixed_exponents_give_the_python_vector(Implementation implementation)
    {
        var random = new FixedRandomSource(
            Enumerable.Range(1, 40).Select(i => (byte)i).ToArray(),
            Enumerable.Range(0x41, 40).Select(i => (byte)i).ToArray());
        var factory = FactoryFor(implementation, random);
        var group = AlgorithmCatalog.Modp2048;

        using var alice = factory.Create(group);
        using var bob = factory.Create(group);

        Assert.Equal(Group14PublicA, Hex.Of(alice.PublicValue));
        Assert.Equal(Group14SharedSecret, Hex.Of(alice.ComputeSharedSecret(bob.PublicValue)));
        Assert.Equal(Group14SharedSecret, Hex.Of(bob.ComputeSharedSecret(alice.PublicValue)));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Public_value_and_shared_secret_are_left_padded_to_the_prime_length(Implementation implementation)
    {
        var group = AlgorithmCatalog.Modp1024;
        var twoToThe1000 = BigInteger.Pow(2, 1000).ToByteArray(isUnsigned: true, isBigEndian: true);

        // x = 1000: g^x = 2^1000 < p, a 126-byte number in a 128-byte field.
        using var small = Create(implementation, group, [0x03, 0xE8]);
        Assert.Equal(group.PrimeLength, small.PublicValue.Length);
        Assert.Equal(twoToThe1000, small.PublicValue[^twoToThe1000.Length..].ToArray());
        Assert.True(small.PublicValue[..2].SequenceEqual(new byte[2]));

        using var x1196 = Create(implementation, group, [0x04, 0xAC]);
        Assert.Equal(Group2SharedSecretWithLeadingZero, Hex.Of(x1196.ComputeSharedSecret(small.PublicValue)));
    }

    [Theory]
    [MemberData(nameof(PairsAndGroups))]
    public void Implementations_agree_with_each_other(Implementation first, Implementation second, string api)
    {
        var group = AlgorithmCatalog.FindDhGroup(api)!;
        var aliceExponent = RandomExponent(group);
        using var alice = Create(first, group, aliceExponent);
        using var aliceAgain = Create(second, group, aliceExponent);
        using var bob = Create(second, group, RandomExponent(group));

        var aliceSecret = alice.ComputeSharedSecret(bob.PublicValue);
        var bobSecret = bob.ComputeSharedSecret(alice.PublicValue);

        Assert.Equal(alice.PublicValue.ToArray(), aliceAgain.PublicValue.ToArray());
        Assert.Equal(group.PrimeLength, aliceSecret.Length);
        Assert.Equal(aliceSecret, bobSecret);
    }

    [Theory]
    [InlineData("0", KeyExchangeFailure.OutOfRange)]
    [InlineData("1", KeyExchangeFailure.OutOfRange)]
    [InlineData("p-1", KeyExchangeFailure.OutOfRange)]
    [InlineData("p", KeyExchangeFailure.OutOfRange)]
    [InlineData("all-ff", KeyExchangeFailure.OutOfRange)]
    [InlineData("too-long", KeyExchangeFailure.WrongLength)]
    [InlineData("too-short", KeyExchangeFailure.WrongLength)]
    [InlineData("empty", KeyExchangeFailure.WrongLength)]
    [InlineData("2", KeyExchangeFailure.None)]
    [InlineData("p-2", KeyExchangeFailure.None)]
    public void Peer_value_outside_the_rfc6989_range_is_refused(string name, KeyExchangeFailure expected)
    {
        var group = AlgorithmCatalog.Modp2048;
        var value = PeerValue(name, group);

        Assert.Equal(expected, PeerPublicValue.Check(group, value));
        foreach (var implementation in new[] { Implementation.ManagedModPow, Implementation.BouncyCastle, Implementation.OpenSsl })
        {
            using var exchange = FactoryFor(implementation).Create(group);
            if (expected == KeyExchangeFailure.None)
            {
                Assert.Equal(group.PrimeLength, exchange.ComputeSharedSecret(value).Length);
            }
            else
            {
                var error = Assert.Throws<InvalidKeyExchangeValueException>(() => exchange.ComputeSharedSecret(value));
                Assert.Equal(expected, error.Failure);
                Assert.Same(group, error.Group);
            }
        }
    }

    [Fact]
    public void Private_exponent_has_the_group_length_and_redraws_values_below_two()
    {
        var group = AlgorithmCatalog.Modp1536; // 256-bit exponent
        var one = new byte[32];
        one[^1] = 1;
        var random = new FixedRandomSource(new byte[32], one, Enumerable.Repeat((byte)0xFF, 32).ToArray());

        using var exponent = PrivateExponent.Generate(group, random);

        Assert.Equal(32, exponent.Length);
        Assert.True(exponent.Span.SequenceEqual(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void Private_exponent_masks_bits_beyond_the_length()
    {
        var group = AlgorithmCatalog.Modp2048; // 320 bits: 40 bytes exactly, nothing masked
        using var exponent = PrivateExponent.Generate(group, new FixedRandomSource(Enumerable.Repeat((byte)0xFF, 40).ToArray()));
        Assert.Equal(0xFF, exponent.Span[0]);
        Assert.Equal(320, group.PrivateExponentBits);
    }

    [Fact]
    public void Disposed_exchange_refuses_to_work()
    {
        foreach (var implementation in new[] { Implementation.ManagedModPow, Implementation.BouncyCastle, Implementation.OpenSsl })
        {
            var exchange = FactoryFor(implementation).Create(AlgorithmCatalog.Modp768);
            var peer = exchange.PublicValue.ToArray();
            exchange.Dispose();
            exchange.Dispose();

            Assert.Throws<ObjectDisposedException>(() => exchange.ComputeSharedSecret(peer));
            Assert.Throws<ObjectDisposedException>(() => exchange.PublicValue.Length);
        }
    }

    [Fact]
    public void Default_factory_is_openssl_on_this_platform()
    {
        Assert.True(OpenSslKeyExchange.IsSupported);
        Assert.IsType<OpenSslKeyExchangeFactory>(KeyExchangeFactories.CreateDefault());
    }

    [Fact]
    public void Private_exponent_of_zero_or_one_is_refused_by_every_implementation()
    {
        foreach (var implementation in new[] { Implementation.ManagedModPow, Implementation.BouncyCastle, Implementation.OpenSsl })
        {
            Assert.Throws<ArgumentException>(() => Create(implementation, AlgorithmCatalog.Modp768, [0x00, 0x01]));
            Assert.Throws<ArgumentException>(() => Create(implementation, AlgorithmCatalog.Modp768, []));
        }
    }

    internal static IKeyExchangeFactory FactoryFor(Implementation implementation, FixedRandomSource? random = null) =>
        implementation switch
        {
            Implementation.ManagedModPow => new ManagedModPowKeyExchangeFactory(random),
            Implementation.BouncyCastle => new BouncyCastleKeyExchangeFactory(random),
            _ => new OpenSslKeyExchangeFactory(random),
        };

    private static IKeyExchange Create(Implementation implementation, DhGroup group, byte[] exponent) =>
        implementation switch
        {
            Implementation.ManagedModPow => new ManagedModPowKeyExchange(group, exponent),
            Implementation.BouncyCastle => new BouncyCastleKeyExchange(group, exponent),
            _ => new OpenSslKeyExchange(group, exponent),
        };

    private static byte[] RandomExponent(DhGroup group)
    {
        using var exponent = PrivateExponent.Generate(group, SystemRandomSource.Instance);
        return exponent.Span.ToArray();
    }

    private static byte[] PeerValue(string name, DhGroup group)
    {
        var p = group.Prime;
        BigInteger? number = name switch
        {
            "0" => BigInteger.Zero,
            "1" => BigInteger.One,
            "2" => new BigInteger(2),
            "p-2" => p - 2,
            "p-1" => p - 1,
            "p" => p,
            _ => null,
        };
        if (number is { } n)
        {
            var bytes = new byte[group.PrimeLength];
            n.TryWriteBytes(bytes.AsSpan(group.PrimeLength - n.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
            return bytes;
        }

        return name switch
        {
            "all-ff" => Enumerable.Repeat((byte)0xFF, group.PrimeLength).ToArray(),
            "too-long" => [0x00, .. Enumerable.Repeat((byte)0x02, group.PrimeLength)],
            "too-short" => Enumerable.Repeat((byte)0x02, group.PrimeLength - 1).ToArray(),
            _ => [],
        };
    }
}
