namespace Ipsec.Crypto.Randomness;

/// <summary>
/// Where nonces, IVs, SPIs and private exponents come from. Production uses <see cref="SystemRandomSource"/>;
/// tests substitute a fixed sequence so that packets and key exchanges become reproducible vectors.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with bytes that must be unpredictable to an attacker.</summary>
    void Fill(Span<byte> destination);
}
