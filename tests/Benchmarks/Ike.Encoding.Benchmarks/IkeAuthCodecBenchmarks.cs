using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Ike.Benchmarks.Shared;
using Ike.Encoding.V2;
using Ipsec.Crypto.Algorithms;

namespace Ike.Encoding.Benchmarks;

/// <summary>
/// Decode and encode of an SK-protected IKE_AUTH request with aes128-cbc + hmac-sha256-128 (RFC 7296 §3.14) against a
/// plain copy of the same datagram. Two more rows split the cost: the same message through the codec with the
/// cryptography taken out (<see cref="ClearProtection"/>), and the cryptography alone (ICV check + CBC decryption of the
/// same octets), which is what decoding adds on top of parsing.
/// </summary>
[MemoryDiagnoser]
public class IkeAuthCodecBenchmarks : IDisposable
{
    private readonly ClearProtection _clear = new();
    private CbcHmacProtection _protection = null!;
    private IkeMessage _message = null!;
    private byte[] _datagram = [];
    private byte[] _clearDatagram = [];
    private byte[] _copy = [];
    private byte[] _plaintext = [];

    [GlobalSetup]
    public void Setup()
    {
        _protection = new CbcHmacProtection(AlgorithmCatalog.Aes128, RandomNumberGenerator.GetBytes(16), AlgorithmCatalog.Sha256, RandomNumberGenerator.GetBytes(32));
        _message = RealisticMessages.IkeAuthRequest();
        _datagram = IkeMessageCodec.Encode(_message, _protection);
        _clearDatagram = IkeMessageCodec.Encode(_message, _clear);
        _copy = new byte[_datagram.Length];
        _plaintext = new byte[_datagram.Length];
        foreach ((byte[] bytes, IMessageProtection keys) in new (byte[], IMessageProtection)[] { (_datagram, _protection), (_clearDatagram, _clear) })
        {
            DecodeResult check = IkeMessageCodec.Decode(bytes, keys);
            if (!check.IsOk || !check.Message.Equals(_message))
            {
                throw new InvalidOperationException($"the IKE_AUTH request does not round-trip: {check}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "memcpy of the datagram")]
    public int CopyDatagram()
    {
        _datagram.AsSpan().CopyTo(_copy);
        return _copy.Length;
    }

    [Benchmark(Description = "decode IKE_AUTH, aes128-cbc+hmac-sha256")]
    public DecodeResult Decode() => IkeMessageCodec.Decode(_datagram, _protection);

    [Benchmark(Description = "decode IKE_AUTH, crypto taken out")]
    public DecodeResult DecodeWithoutCrypto() => IkeMessageCodec.Decode(_clearDatagram, _clear);

    [Benchmark(Description = "ICV check + CBC decrypt only")]
    public bool CryptoOnly()
    {
        // the SK body: header 28 + generic payload header 4, then IV, ciphertext, ICV (§3.14)
        const int bodyStart = 28 + 4;
        int icv = _protection.IcvSize;
        int iv = _protection.IvSize;
        ReadOnlySpan<byte> datagram = _datagram;
        bool verified = _protection.VerifyIcv(datagram[..^icv], datagram[^icv..]);
        ReadOnlySpan<byte> ciphertext = datagram[(bodyStart + iv)..^icv];
        return _protection.TryDecrypt(datagram.Slice(bodyStart, iv), ciphertext, _plaintext.AsSpan(0, ciphertext.Length)) && verified;
    }

    [Benchmark(Description = "encode IKE_AUTH, aes128-cbc+hmac-sha256")]
    public byte[] Encode() => IkeMessageCodec.Encode(_message, _protection);

    [Benchmark(Description = "encode IKE_AUTH, crypto taken out")]
    public byte[] EncodeWithoutCrypto() => IkeMessageCodec.Encode(_message, _clear);

    public void Dispose()
    {
        _protection?.Dispose();
        GC.SuppressFinalize(this);
    }
}
