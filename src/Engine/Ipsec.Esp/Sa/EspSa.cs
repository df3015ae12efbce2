using System.Buffers.Binary;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Randomness;
using Ipsec.Esp.Packets;

namespace Ipsec.Esp.Sa;

/// <summary>
/// One ESP security association in one direction (RFC 4303), CBC cipher plus HMAC integrity, 32-bit sequence numbers
/// (no ESN), tunnel mode by default (Next Header 4). Packets look like this (RFC 4303 §2):
/// <code>
/// | SPI (4) | Sequence Number (4) | IV | Payload | Padding | Pad Length (1) | Next Header (1) | ICV |
///                                      \______________ encrypted ______________________________/
/// \___________________________________ covered by the ICV _____________________________________/
/// </code>
/// </summary>
/// <remarks>
/// The direction is fixed when the SA is made: <see cref="CreateOutbound"/> SAs only protect,
/// <see cref="CreateInbound"/> SAs only unprotect. Not thread-safe: one packet at a time per SA. Disposing wipes the keys.
/// </remarks>
public sealed class EspSa : IDisposable
{
    /// <summary>SPI plus Sequence Number (RFC 4303 §2).</summary>
    public const int HeaderLength = 8;

    /// <summary>Pad Length plus Next Header (RFC 4303 §2.4, §2.6).</summary>
    public const int TrailerLength = 2;

    private readonly ICbcCipher _cipher;
    private readonly HmacIntegrity _integrity;
    private readonly IRandomSource _random;
    private readonly ReplayWindow? _replayWindow;
    private uint _lastSequenceNumber;

    private EspSa(
        EspDirection direction, uint spi, ICbcCipher cipher, HmacIntegrity integrity, IRandomSource random, ReplayWindow? window)
    {
        Direction = direction;
        Spi = spi;
        _cipher = cipher;
        _integrity = integrity;
        _random = random;
        _replayWindow = window;
    }

    /// <summary>An SA that sends. IVs come from <paramref name="random"/> (RFC 3602 §2.1: unpredictable); keys are copied.</summary>
    public static EspSa CreateOutbound(
        uint spi,
        EncryptionAlgorithm encryption,
        ReadOnlySpan<byte> encryptionKey,
        AuthAlgorithm integrity,
        ReadOnlySpan<byte> integrityKey,
        IRandomSource? random = null) =>
        Create(EspDirection.Outbound, spi, encryption, encryptionKey, integrity, integrityKey, random ?? SystemRandomSource.Instance, null);

    /// <summary>An SA that receives, with an anti-replay window of <paramref name="replayWindowSize"/> packets.</summary>
    public static EspSa CreateInbound(
        uint spi,
        EncryptionAlgorithm encryption,
        ReadOnlySpan<byte> encryptionKey,
        AuthAlgorithm integrity,
        ReadOnlySpan<byte> integrityKey,
        int replayWindowSize = ReplayWindow.DefaultSize) =>
        Create(
            EspDirection.Inbound, spi, encryption, encryptionKey, integrity, integrityKey, SystemRandomSource.Instance,
            new ReplayWindow(replayWindowSize));

    public EspDirection Direction { get; }

    public uint Spi { get; }

    public EncryptionAlgorithm Encryption => _cipher.Algorithm;

    public AuthAlgorithm Integrity => _integrity.Algorithm;

    /// <summary>Outbound: the last sequence number sent. Inbound: the highest authentic one received.</summary>
    public uint LastSequenceNumber => _replayWindow?.Highest ?? _lastSequenceNumber;

    /// <summary>Length of the ESP packet that protecting <paramref name="payloadLength"/> bytes produces.</summary>
    public int GetProtectedLength(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return HeaderLength + _cipher.IvLength + PaddedLength(payloadLength) + _integrity.IcvLength;
    }

    /// <summary>
    /// Encapsulates <paramref name="payload"/> (an inner IP packet in tunnel mode) into <paramref name="destination"/>.
    /// Padding uses the default 1, 2, 3... bytes (RFC 4303 §2.4) up to the cipher block, which also keeps the ICV
    /// 4-byte aligned. The sequence number advances only when a packet is written.
    /// </summary>
    public EspProtectStatus TryProtect(
        ReadOnlySpan<byte> payload, Span<byte> destination, out int bytesWritten, byte nextHeader = IpProtocol.IPv4)
    {
        bytesWritten = 0;
        if (Direction != EspDirection.Outbound)
        {
            throw new InvalidOperationException("An inbound SA does not protect packets.");
        }

        // RFC 4303 §3.3.3: the sender must not let the counter cycle; 2^32-1 is the last number it may use.
        if (_lastSequenceNumber == uint.MaxValue)
        {
            return EspProtectStatus.SequenceNumberExhausted;
        }

        var totalLength = GetProtectedLength(payload.Length);
        if (destination.Length < totalLength)
        {
            throw new ArgumentException($"Destination must hold {totalLength} bytes.", nameof(destination));
        }

        var sequenceNumber = _lastSequenceNumber + 1;
        var ivLength = _cipher.IvLength;
        var paddedLength = PaddedLength(payload.Length);
        var padLength = paddedLength - payload.Length - TrailerLength;

        BinaryPrimitives.WriteUInt32BigEndian(destination, Spi);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], sequenceNumber);
        var iv = destination.Slice(HeaderLength, ivLength);
        _random.Fill(iv);

        var plaintext = destination.Slice(HeaderLength + ivLength, paddedLength);
        payload.CopyTo(plaintext);
        for (var i = 0; i < padLength; i++)
        {
            plaintext[payload.Length + i] = (byte)(i + 1);
        }

        plaintext[^2] = (byte)padLength;
        plaintext[^1] = nextHeader;
        _cipher.Encrypt(iv, plaintext, plaintext);

        var authenticated = destination[..(HeaderLength + ivLength + paddedLength)];
        _integrity.ComputeIcv(authenticated, destination.Slice(authenticated.Length, _integrity.IcvLength));

        _lastSequenceNumber = sequenceNumber;
        bytesWritten = totalLength;
        return EspProtectStatus.Success;
    }

    /// <summary><see cref="TryProtect"/> into a new array.</summary>
    public EspProtectResult Protect(ReadOnlySpan<byte> payload, byte nextHeader = IpProtocol.IPv4)
    {
        var packet = new byte[GetProtectedLength(payload.Length)];
        var status = TryProtect(payload, packet, out _, nextHeader);
        return status == EspProtectStatus.Success
            ? new EspProtectResult(status, packet, _lastSequenceNumber)
            : new EspProtectResult(status, null, _lastSequenceNumber);
    }

    /// <summary>
    /// Checks and decapsulates an ESP packet (from the SPI to the ICV) in the order of RFC 4303 §3.4: SPI, replay
    /// pre-check, ICV (before any decryption, §3.4.4.1), only then decrypt, then record the sequence number in the
    /// window (§3.4.3: only authentic packets move it) and check the trailer. The inner packet is written to
    /// <paramref name="destination"/>, which must hold <see cref="GetMaxUnprotectedLength"/> bytes (the decrypted
    /// padding lands there too).
    /// </summary>
    public EspUnprotectStatus TryUnprotect(
        ReadOnlySpan<byte> packet, Span<byte> destination, out int bytesWritten, out byte nextHeader, out uint sequenceNumber)
    {
        bytesWritten = 0;
        nextHeader = 0;
        sequenceNumber = 0;
        var window = _replayWindow ?? throw new InvalidOperationException("An outbound SA does not unprotect packets.");

        var ivLength = _cipher.IvLength;
        var icvLength = _integrity.IcvLength;
        var ciphertextLength = packet.Length - HeaderLength - ivLength - icvLength;
        if (ciphertextLength < _cipher.BlockSize || ciphertextLength % _cipher.BlockSize != 0)
        {
            return EspUnprotectStatus.Malformed;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(packet) != Spi)
        {
            return EspUnprotectStatus.UnknownSpi;
        }

        sequenceNumber = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        var replay = ToStatus(window.Check(sequenceNumber));
        if (replay != EspUnprotectStatus.Success)
        {
            return replay;
        }

        var authenticated = packet[..^icvLength];
        if (!_integrity.VerifyIcv(authenticated, packet[^icvLength..]))
        {
            return EspUnprotectStatus.IntegrityCheckFailed;
        }

        if (destination.Length < ciphertextLength)
        {
            throw new ArgumentException($"Destination must hold {ciphertextLength} bytes.", nameof(destination));
        }

        var plaintext = destination[..ciphertextLength];
        _cipher.Decrypt(packet.Slice(HeaderLength, ivLength), packet.Slice(HeaderLength + ivLength, ciphertextLength), plaintext);
        window.Accept(sequenceNumber);

        var padLength = plaintext[^2];
        var payloadLength = ciphertextLength - TrailerLength - padLength;
        if (payloadLength < 0 || !HasDefaultPadding(plaintext.Slice(payloadLength, padLength)))
        {
            return EspUnprotectStatus.BadPadding;
        }

        nextHeader = plaintext[^1];
        if (nextHeader == IpProtocol.NoNextHeader)
        {
            return EspUnprotectStatus.DummyPacket;
        }

        bytesWritten = payloadLength;
        return EspUnprotectStatus.Success;
    }

    /// <summary><see cref="TryUnprotect"/> into a new array holding exactly the inner packet.</summary>
    public EspUnprotectResult Unprotect(ReadOnlySpan<byte> packet)
    {
        var buffer = new byte[GetMaxUnprotectedLength(packet.Length)];
        var status = TryUnprotect(packet, buffer, out var written, out var nextHeader, out var sequenceNumber);
        return status == EspUnprotectStatus.Success
            ? new EspUnprotectResult(status, buffer.AsSpan(0, written).ToArray(), nextHeader, sequenceNumber)
            : new EspUnprotectResult(status, null, nextHeader, sequenceNumber);
    }

    /// <summary>Buffer size <see cref="TryUnprotect"/> needs for a packet of <paramref name="packetLength"/> bytes.</summary>
    public int GetMaxUnprotectedLength(int packetLength) =>
        Math.Max(0, packetLength - HeaderLength - _cipher.IvLength - _integrity.IcvLength);

    /// <summary>Test seam: reaching the end of the sequence space by sending 2^32 packets is not a unit test.</summary>
    internal void SetLastSequenceNumberSent(uint sequenceNumber) => _lastSequenceNumber = sequenceNumber;

    public void Dispose()
    {
        _cipher.Dispose();
        _integrity.Dispose();
    }

    private static EspSa Create(
        EspDirection direction,
        uint spi,
        EncryptionAlgorithm encryption,
        ReadOnlySpan<byte> encryptionKey,
        AuthAlgorithm integrity,
        ReadOnlySpan<byte> integrityKey,
        IRandomSource random,
        ReplayWindow? window)
    {
        // SPI 0 is reserved for local use and never appears on the wire (RFC 4303 §2.1); 1-255 are reserved by IANA.
        if (spi < 256)
        {
            throw new ArgumentOutOfRangeException(nameof(spi), "SPIs 0-255 are reserved (RFC 4303 §2.1).");
        }

        // CbcCiphers serves every catalogue row: the platform's AES/3DES/DES, ours for SM4 (sm gateways)
        var cipher = CbcCiphers.Create(encryption, encryptionKey);
        try
        {
            return new EspSa(direction, spi, cipher, HmacIntegrity.Create(integrity, integrityKey), random, window);
        }
        catch
        {
            cipher.Dispose();
            throw;
        }
    }

    private static EspUnprotectStatus ToStatus(ReplayCheck check) => check switch
    {
        ReplayCheck.Accepted => EspUnprotectStatus.Success,
        ReplayCheck.Duplicate => EspUnprotectStatus.Replayed,
        ReplayCheck.TooOld => EspUnprotectStatus.OutsideReplayWindow,
        _ => EspUnprotectStatus.InvalidSequenceNumber,
    };

    private static bool HasDefaultPadding(ReadOnlySpan<byte> padding)
    {
        for (var i = 0; i < padding.Length; i++)
        {
            if (padding[i] != (byte)(i + 1))
            {
                return false;
            }
        }

        return true;
    }

    private int PaddedLength(int payloadLength)
    {
        var blockSize = _cipher.BlockSize;
        return (payloadLength + TrailerLength + blockSize - 1) / blockSize * blockSize;
    }
}
