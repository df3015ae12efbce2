namespace Ipsec.Crypto.Integrity;

/// <summary>
/// A keyed MAC fed in pieces: the RFCs' "prf(K, a | b | c)" without building the concatenation. Shaped like
/// <see cref="System.Security.Cryptography.IncrementalHash"/> so code written for it reads the same, but open to hashes
/// the platform lacks (SM3). Disposing wipes the key.
/// </summary>
public interface IIncrementalMac : IDisposable
{
    /// <summary>Length of the MAC in bytes.</summary>
    int HashLengthInBytes { get; }

    /// <summary>Appends <paramref name="data"/> to the message being authenticated.</summary>
    void AppendData(ReadOnlySpan<byte> data);

    /// <summary>Writes the MAC of everything appended since the last reset into <paramref name="destination"/> and
    /// starts a new message under the same key.</summary>
    /// <returns>The number of bytes written (<see cref="HashLengthInBytes"/>).</returns>
    int GetHashAndReset(Span<byte> destination);
}
