using BenchmarkDotNet.Running;
using Ike.Benchmarks.Shared;
using Ike.Encoding.Benchmarks;
using Ike.Encoding.V2;
using Ipsec.Crypto.Algorithms;

if (args is ["--sizes"])
{
    // the sizes the README quotes, from the same messages the benchmarks use
    using var protection = new CbcHmacProtection(AlgorithmCatalog.Aes128, new byte[16], AlgorithmCatalog.Sha256, new byte[32]);
    Console.WriteLine($"IKE_SA_INIT request: {IkeMessageCodec.Encode(RealisticMessages.IkeSaInitRequest(), null).Length} octets");
    Console.WriteLine($"IKE_AUTH request (SK, aes128-cbc + hmac-sha256-128): {IkeMessageCodec.Encode(RealisticMessages.IkeAuthRequest(), protection).Length} octets");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(IkeSaInitCodecBenchmarks).Assembly).Run(args);
