using System.Security.Cryptography;

namespace Ipsec.Crypto.Integrity;

/// <summary><see cref="IIncrementalMac"/> over the platform's HMAC (<see cref="IncrementalHash"/>), which keeps the key
/// in native memory and clears it on dispose.</summary>
internal sealed class PlatformIncrementalMac(IncrementalHash hmac) : IIncrementalMac
{
    public int HashLengthInBytes => hmac.HashLengthInBytes;

    public void AppendData(ReadOnlySpan<byte> data) => hmac.AppendData(data);

    public int GetHashAndReset(Span<byte> destination) => hmac.GetHashAndReset(destination);

    public void Dispose() => hmac.Dispose();
}
