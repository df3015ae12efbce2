using System.Numerics;
using BenchmarkDotNet.Attributes;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.KeyExchange;

namespace Ipsec.Crypto.Benchmarks;

/// <summary>
/// What validating the peer's group14 KE value costs, to put the handshake benchmark's responders side by side (see
/// tests/Benchmarks/README.md): the RFC 6989 §2.1 range check 1 &lt; y &lt; p-1 that our engine does, the shared-secret
/// exponentiation it does anyway (320-bit exponent), and the full subgroup check y^q = 1 (mod p), q = (p-1)/2, that
/// it does not do — an exponentiation with a 2047-bit exponent, here through the same OpenSSL constant-time path.
/// </summary>
[MemoryDiagnoser]
public class PeerValueCheckBenchmarks : IDisposable
{
    private readonly DhGroup _group = AlgorithmCatalog.Modp2048;
    private IKeyExchange _ours = null!;
    private IKeyExchange _subgroupCheck = null!;
    private byte[] _peerPublic = [];

    [GlobalSetup]
    public void Setup()
    {
        using (IKeyExchange peer = new OpenSslKeyExchangeFactory().Create(_group))
        {
            _peerPublic = peer.PublicValue.ToArray();
        }

        _ours = new OpenSslKeyExchangeFactory().Create(_group);
        byte[] q = ((_group.Prime - 1) / 2).ToByteArray(isUnsigned: true, isBigEndian: true);
        _subgroupCheck = new OpenSslKeyExchange(_group, q);
        // a genuine public value 2^x lies in the subgroup of order q (2 is a quadratic residue mod these primes)
        if (new BigInteger(SubgroupCheck(), isUnsigned: true, isBigEndian: true) != BigInteger.One)
        {
            throw new InvalidOperationException("y^q mod p is not 1: this is not the subgroup check");
        }
    }

    [Benchmark(Baseline = true, Description = "range check 1 < y < p-1 (ours)")]
    public KeyExchangeFailure RangeCheck() => PeerPublicValue.Check(_group, _peerPublic);

    [Benchmark(Description = "shared secret y^x, 320-bit x (ours)")]
    public byte[] SharedSecret() => _ours.ComputeSharedSecret(_peerPublic);

    [Benchmark(Description = "subgroup check y^q, 2047-bit q (not done)")]
    public byte[] SubgroupCheck() => _subgroupCheck.ComputeSharedSecret(_peerPublic);

    public void Dispose()
    {
        _ours?.Dispose();
        _subgroupCheck?.Dispose();
        GC.SuppressFinalize(this);
    }
}
