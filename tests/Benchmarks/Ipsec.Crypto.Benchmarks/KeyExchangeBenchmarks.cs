using BenchmarkDotNet.Attributes;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.KeyExchange;

namespace Ipsec.Crypto.Benchmarks;

/// <summary>
/// One side of a group14 exchange as a responder does it per IKE_SA_INIT: draw x, compute g^x, then the shared secret
/// with the peer's value (including the RFC 6989 range check). Decides <see cref="KeyExchangeFactories.CreateDefault"/>.
/// </summary>
[MemoryDiagnoser]
public class KeyExchangeBenchmarks
{
    private readonly DhGroup _group = AlgorithmCatalog.Modp2048;
    private byte[] _peerPublic = [];

    [GlobalSetup]
    public void Setup()
    {
        using var peer = new OpenSslKeyExchangeFactory().Create(_group);
        _peerPublic = peer.PublicValue.ToArray();
    }

    [Benchmark(Baseline = true)]
    public byte[] OpenSsl() => KeygenAndAgree(new OpenSslKeyExchangeFactory());

    [Benchmark]
    public byte[] BouncyCastle() => KeygenAndAgree(new BouncyCastleKeyExchangeFactory());

    [Benchmark]
    public byte[] ManagedModPow() => KeygenAndAgree(new ManagedModPowKeyExchangeFactory());

    private byte[] KeygenAndAgree(IKeyExchangeFactory factory)
    {
        using var exchange = factory.Create(_group);
        return exchange.ComputeSharedSecret(_peerPublic);
    }
}
