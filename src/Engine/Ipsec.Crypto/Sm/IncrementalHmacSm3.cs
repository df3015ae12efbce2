using System.Security.Cryptography;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Secrets;
using Org.BouncyCastle.Crypto.Digests;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// HMAC-SM3 fed in pieces (<see cref="HmacSm3.CreateIncremental"/>). The padded keys live in a pinned
/// <see cref="SecretBytes"/> wiped on dispose; the running digest starts from K0 ^ ipad, as RFC 2104 §2 step (3)-(4).
/// </summary>
internal sealed class IncrementalHmacSm3 : IIncrementalMac
{
    private const int BlockSize = Sm3Hash.BlockSizeInBytes;

    private readonly SecretBytes _pads = new(2 * BlockSize);
    private readonly SM3Digest _digest = new();
    private bool _disposed;

    public IncrementalHmacSm3(ReadOnlySpan<byte> key)
    {
        HmacSm3.DerivePads(key, _pads.WritableSpan);
        _digest.BlockUpdate(_pads.Span[..BlockSize]);
    }

    public int HashLengthInBytes => HmacSm3.HashSizeInBytes;

    public void AppendData(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _digest.BlockUpdate(data);
    }

    public int GetHashAndReset(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length < HashLengthInBytes)
        {
            throw new ArgumentException($"Destination must hold {HashLengthInBytes} bytes.", nameof(destination));
        }

        Span<byte> inner = stackalloc byte[HmacSm3.HashSizeInBytes];
        try
        {
            _digest.DoFinal(inner);
            _digest.BlockUpdate(_pads.Span[BlockSize..]);
            _digest.BlockUpdate(inner);
            _digest.DoFinal(destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
        }

        // Like IncrementalHash: the key stays, the next message starts.
        _digest.BlockUpdate(_pads.Span[..BlockSize]);
        return HashLengthInBytes;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // The digest has absorbed K0 ^ ipad: push a zero block through so its word buffers no longer hold key-derived
        // words, then reset its chaining value to the IV.
        Span<byte> zeros = stackalloc byte[BlockSize];
        zeros.Clear();
        _digest.BlockUpdate(zeros);
        _digest.Reset();
        _pads.Dispose();
        _disposed = true;
    }
}
