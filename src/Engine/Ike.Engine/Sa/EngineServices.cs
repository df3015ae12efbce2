using System.Buffers.Binary;
using Ike.Engine.Kernel;
using Ike.Engine.Timing;
using Ipsec.Crypto.KeyExchange;
using Ipsec.Crypto.Randomness;
using Microsoft.Extensions.Logging;

namespace Ike.Engine.Sa;

/// <summary>What tasks use from outside the SA: clock, randomness, key exchange, the ESP data path, timing, log.</summary>
internal sealed class EngineServices
{
    public EngineServices(TimeProvider time, IRandomSource random, IKeyExchangeFactory keyExchanges, UserspaceIpsec kernel,
        IkeTimingOptions timing, ILogger log, bool forceUdpEncapsulation)
    {
        Time = time;
        Random = random;
        KeyExchanges = keyExchanges;
        Kernel = kernel;
        Timing = timing;
        Log = log;
        ForceUdpEncapsulation = forceUdpEncapsulation;
    }

    public TimeProvider Time { get; }

    public IRandomSource Random { get; }

    public IKeyExchangeFactory KeyExchanges { get; }

    public UserspaceIpsec Kernel { get; }

    public IkeTimingOptions Timing { get; }

    public ILogger Log { get; }

    /// <summary>Our ESP runs over UDP only (userspace, no kernel ESP): like strongSwan's encap=yes we fake the NAT-D
    /// source hash so that every peer agrees on UDP encapsulation (RFC 3948), NAT or not.</summary>
    public bool ForceUdpEncapsulation { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>A fresh nonce (§2.10: random, at least 128 bits and half the PRF key).</summary>
    public byte[] NewNonce()
    {
        var nonce = new byte[Rfc7296Limits.NonceLength];
        Random.Fill(nonce);
        return nonce;
    }

    /// <summary>A random value in [0, 1) for rekey jitter.</summary>
    public double NextFraction()
    {
        Span<byte> bytes = stackalloc byte[4];
        Random.Fill(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes) / (double)(1L << 32);
    }
}
