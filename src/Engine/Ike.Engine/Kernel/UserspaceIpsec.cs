using System.Buffers.Binary;
using System.Net;
using Ike.Engine.Config;
using Ike.Engine.Timing;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.Randomness;
using Ipsec.Esp.Sa;

namespace Ike.Engine.Kernel;

/// <summary>
/// The engine's "kernel": the installed ESP SAs of the userspace data path (RFC 4303 over UDP, RFC 3948), keyed by our
/// inbound SPI, with per-pair counters. It allocates SPIs, installs and deletes pairs, and protects and unprotects
/// packets. Keys are copied into <see cref="EspSa"/>s, which wipe them when the pair is deleted. Single-threaded: only
/// the engine loop calls it.
/// </summary>
public sealed class UserspaceIpsec : IDisposable
{
    private readonly Dictionary<uint, InstalledPair> _pairs = [];
    private readonly HashSet<uint> _allocated = [];
    private readonly IRandomSource _random;

    public UserspaceIpsec(IRandomSource random) => _random = random;

    /// <summary>Our inbound SPIs of every installed pair (what a test asserts on, like strongSwan's mock_ipsec).</summary>
    public IReadOnlyCollection<uint> InstalledInboundSpis => _pairs.Keys;

    /// <summary>SPIs handed out and not yet released or deleted (the fuzzer checks this does not grow without bound).</summary>
    internal int AllocatedSpiCount => _allocated.Count;

    /// <summary>A random SPI of ours, unique in this engine, never 0-255 (RFC 4303 §2.1).</summary>
    public uint AllocateSpi()
    {
        Span<byte> bytes = stackalloc byte[4];
        while (true)
        {
            _random.Fill(bytes);
            uint spi = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            if (spi >= Rfc7296Limits.MinimumChildSpi && _allocated.Add(spi))
            {
                return spi;
            }
        }
    }

    /// <summary>
    /// Installs a pair. KEYMAT is split by who initiated the exchange that made it (RFC 7296 §2.17): the initiator's
    /// outbound SA uses the initiator-to-responder keys. <paramref name="keys"/> stays the caller's to dispose.
    /// </summary>
    public void AddSa(uint inboundSpi, uint outboundSpi, ChildSuite suite, ChildSaKeys keys, bool keymatInitiator,
        IPEndPoint local, IPEndPoint remote, bool udpEncapsulated)
    {
        ReadOnlySpan<byte> inEncryption = keymatInitiator ? keys.ResponderToInitiatorEncryptionKey : keys.InitiatorToResponderEncryptionKey;
        ReadOnlySpan<byte> inIntegrity = keymatInitiator ? keys.ResponderToInitiatorIntegrityKey : keys.InitiatorToResponderIntegrityKey;
        ReadOnlySpan<byte> outEncryption = keymatInitiator ? keys.InitiatorToResponderEncryptionKey : keys.ResponderToInitiatorEncryptionKey;
        ReadOnlySpan<byte> outIntegrity = keymatInitiator ? keys.InitiatorToResponderIntegrityKey : keys.ResponderToInitiatorIntegrityKey;
        EspSa inbound = EspSa.CreateInbound(inboundSpi, suite.Encryption, inEncryption, suite.Integrity, inIntegrity);
        EspSa outbound;
        try
        {
            outbound = EspSa.CreateOutbound(outboundSpi, suite.Encryption, outEncryption, suite.Integrity, outIntegrity, _random);
        }
        catch
        {
            inbound.Dispose();
            throw;
        }

        _allocated.Add(inboundSpi);
        if (_pairs.Remove(inboundSpi, out InstalledPair? replaced))
        {
            replaced.Dispose();
        }

        _pairs[inboundSpi] = new InstalledPair(inbound, outbound) { Local = local, Remote = remote, UdpEncapsulated = udpEncapsulated };
    }

    /// <summary>The IKE SA moved (NAT-T float, a NAT rebinding): ESP follows (RFC 3948 §3.5).</summary>
    public void UpdateEndpoints(uint inboundSpi, IPEndPoint local, IPEndPoint remote)
    {
        if (_pairs.TryGetValue(inboundSpi, out InstalledPair? pair))
        {
            pair.Local = local;
            pair.Remote = remote;
        }
    }

    /// <summary>Removes a pair and wipes its keys; the SPI may be allocated again later.</summary>
    public bool DeleteSa(uint inboundSpi)
    {
        _allocated.Remove(inboundSpi);
        if (!_pairs.Remove(inboundSpi, out InstalledPair? pair))
        {
            return false;
        }

        pair.Dispose();
        return true;
    }

    /// <summary>Releases an SPI that was allocated but never installed (a refused proposal).</summary>
    public void ReleaseSpi(uint inboundSpi)
    {
        if (!_pairs.ContainsKey(inboundSpi))
        {
            _allocated.Remove(inboundSpi);
        }
    }

    public EspCounters? Query(uint inboundSpi) =>
        _pairs.TryGetValue(inboundSpi, out InstalledPair? pair)
            ? new EspCounters(pair.BytesIn, pair.BytesOut, pair.PacketsIn, pair.PacketsOut, pair.Local, pair.Remote, pair.UdpEncapsulated)
            : null;

    /// <summary>Protects an inner IPv4 packet with the pair's outbound SA; null when the pair is gone or its sequence
    /// numbers are exhausted (RFC 4303 §3.3.3: then it must be rekeyed).</summary>
    public OutboundEsp? Encapsulate(uint inboundSpi, ReadOnlySpan<byte> ipPacket)
    {
        if (!_pairs.TryGetValue(inboundSpi, out InstalledPair? pair))
        {
            return null;
        }

        EspProtectResult result = pair.Outbound.Protect(ipPacket);
        if (!result.IsSuccess)
        {
            return null;
        }

        pair.PacketsOut++;
        pair.BytesOut += ipPacket.Length;
        return new OutboundEsp(result.Packet!, pair.Local, pair.Remote);
    }

    /// <summary>Checks and opens an ESP packet (from its SPI on); the inner packet only when it is authentic and new.</summary>
    public InboundEsp Decapsulate(ReadOnlySpan<byte> espPacket)
    {
        if (espPacket.Length < EspSa.HeaderLength)
        {
            return new InboundEsp(EspUnprotectStatus.Malformed, 0, null);
        }

        uint spi = BinaryPrimitives.ReadUInt32BigEndian(espPacket);
        if (!_pairs.TryGetValue(spi, out InstalledPair? pair))
        {
            return new InboundEsp(EspUnprotectStatus.UnknownSpi, spi, null);
        }

        EspUnprotectResult result = pair.Inbound.Unprotect(espPacket);
        if (result.IsSuccess)
        {
            pair.PacketsIn++;
            pair.BytesIn += result.Payload!.Length;
        }

        return new InboundEsp(result.Status, spi, result.Payload);
    }

    public void Dispose()
    {
        foreach (InstalledPair pair in _pairs.Values)
        {
            pair.Dispose();
        }

        _pairs.Clear();
        _allocated.Clear();
    }

    private sealed class InstalledPair(EspSa inbound, EspSa outbound) : IDisposable
    {
        public EspSa Inbound { get; } = inbound;

        public EspSa Outbound { get; } = outbound;

        public required IPEndPoint Local { get; set; }

        public required IPEndPoint Remote { get; set; }

        public bool UdpEncapsulated { get; init; }

        public long BytesIn { get; set; }

        public long BytesOut { get; set; }

        public long PacketsIn { get; set; }

        public long PacketsOut { get; set; }

        public void Dispose()
        {
            Inbound.Dispose();
            Outbound.Dispose();
        }
    }
}

/// <summary>Traffic counters and endpoints of one installed pair.</summary>
public sealed record EspCounters(long BytesIn, long BytesOut, long PacketsIn, long PacketsOut, IPEndPoint Local, IPEndPoint Remote, bool UdpEncapsulated);

/// <summary>An ESP packet ready to leave as a UDP payload (RFC 3948 §2.1) between these endpoints.</summary>
public sealed record OutboundEsp(byte[] Packet, IPEndPoint Local, IPEndPoint Remote);

/// <summary>What became of an inbound ESP packet: <see cref="Payload"/> holds the inner packet on success.</summary>
public sealed record InboundEsp(EspUnprotectStatus Status, uint Spi, byte[]? Payload);
