using System.Security.Cryptography;

namespace Ipsec.Crypto.Secrets;

/// <summary>
/// Owns a buffer of key material and wipes it on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// The buffer is allocated on the pinned object heap so the garbage collector never moves it and leaves no stale
/// copy of the secret behind. <see cref="ToString"/> never shows the contents, so a key cannot reach a log by accident.
/// </remarks>
public sealed class SecretBytes : IDisposable
{
    private readonly byte[] _buffer;
    private bool _disposed;

    /// <summary>Allocates <paramref name="length"/> zero bytes to be filled through <see cref="WritableSpan"/>.</summary>
    public SecretBytes(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _buffer = GC.AllocateArray<byte>(length, pinned: true);
    }

    /// <summary>Copies <paramref name="source"/> into a new secret buffer; the caller still owns and wipes its copy.</summary>
    public static SecretBytes CopyOf(ReadOnlySpan<byte> source)
    {
        var secret = new SecretBytes(source.Length);
        source.CopyTo(secret._buffer);
        return secret;
    }

    public int Length => _buffer.Length;

    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer;
        }
    }

    public Span<byte> WritableSpan
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer;
        }
    }

    public bool IsDisposed => _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_buffer);
        _disposed = true;
    }

    public override string ToString() => $"SecretBytes({_buffer.Length} bytes)";
}
