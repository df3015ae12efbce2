using BenchmarkDotNet.Attributes;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Integrity;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ipsec.Crypto.Benchmarks;

/// <summary>
/// The per-packet crypto of ESP for a 1400-byte inner packet (1408 bytes padded to the block): CBC-encrypt, then HMAC
/// over header + IV + ciphertext, truncated. The platform path (.NET over OpenSSL) is what the engine uses; the
/// BouncyCastle path is measured beside it to justify that choice.
/// </summary>
[MemoryDiagnoser]
public class CbcHmacBenchmarks
{
    private const int PaddedPayload = 1408;

    private byte[] _packet = [];
    private PlatformCbcCipher? _cipher;
    private HmacIntegrity? _integrity;
    private CbcBlockCipher? _bcCipher;
    private HMac? _bcMac;
    private EncryptionAlgorithm _encryption = AlgorithmCatalog.Aes128;
    private AuthAlgorithm _auth = AlgorithmCatalog.Sha256;

    [Params("aes/sha256", "aes256/sha512", "3des/sha1")]
    public string Suite { get; set; } = "aes/sha256";

    [GlobalSetup]
    public void Setup()
    {
        var names = Suite.Split('/');
        _encryption = AlgorithmCatalog.FindEncryption(names[0])!;
        _auth = AlgorithmCatalog.FindAuth(names[1])!;
        var encryptionKey = Enumerable.Range(1, _encryption.KeyLength).Select(i => (byte)(i * 11)).ToArray();
        var integrityKey = Enumerable.Range(1, _auth.IntegrityKeyLength).Select(i => (byte)(i * 13)).ToArray();
        _packet = new byte[8 + _encryption.IvLength + PaddedPayload + _auth.IcvLength];
        Random.Shared.NextBytes(_packet);

        _cipher = PlatformCbcCipher.Create(_encryption, encryptionKey);
        _integrity = HmacIntegrity.Create(_auth, integrityKey);

        _bcCipher = new CbcBlockCipher(_encryption.Family switch
        {
            CipherFamily.Aes => AesUtilities.CreateEngine(),
            CipherFamily.TripleDes => new DesEdeEngine(),
            _ => new DesEngine(),
        });
        _bcMac = new HMac(_auth.OutputLength switch
        {
            20 => new Sha1Digest(),
            32 => new Sha256Digest(),
            48 => new Sha384Digest(),
            _ => (IDigest)new Sha512Digest(),
        });
        _bcMac.Init(new KeyParameter(integrityKey));
        _bcCipher.Init(true, new ParametersWithIV(new KeyParameter(encryptionKey), new byte[_encryption.IvLength]));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cipher?.Dispose();
        _integrity?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte Platform()
    {
        var iv = _packet.AsSpan(8, _encryption.IvLength);
        var payload = _packet.AsSpan(8 + _encryption.IvLength, PaddedPayload);
        _cipher!.Encrypt(iv, payload, payload);
        var authenticated = _packet.AsSpan(0, _packet.Length - _auth.IcvLength);
        _integrity!.ComputeIcv(authenticated, _packet.AsSpan(authenticated.Length));
        return _packet[^1];
    }

    [Benchmark]
    public byte BouncyCastle()
    {
        // A real sender would re-init the CBC chain with each packet's IV; Reset keeps the same IV, which costs the same.
        var blockSize = _encryption.BlockSize;
        var offset = 8 + _encryption.IvLength;
        _bcCipher!.Reset();
        for (var i = 0; i < PaddedPayload; i += blockSize)
        {
            _bcCipher.ProcessBlock(_packet, offset + i, _packet, offset + i);
        }

        Span<byte> mac = stackalloc byte[64];
        _bcMac!.BlockUpdate(_packet, 0, _packet.Length - _auth.IcvLength);
        _bcMac.DoFinal(mac);
        mac[.._auth.IcvLength].CopyTo(_packet.AsSpan(_packet.Length - _auth.IcvLength));
        return _packet[^1];
    }
}
