using System.Buffers.Binary;
using Ike.Engine.Timing;
using Ipsec.Crypto.Randomness;

namespace Ike.Engine.Tests.TestSupport;

/// <summary>
/// Random bytes from the system generator, except that every nonce-sized draw starts with <paramref name="prefix"/>
/// and a counter: an engine's nonces then sort below (or above) every nonce of an engine with a larger (smaller)
/// prefix, and among themselves in the order they were made. That pins the outcome of a §2.8 collision's nonce rule.
/// </summary>
internal sealed class OrderedNonces(byte prefix) : IRandomSource
{
    private uint _counter;

    public void Fill(Span<byte> destination)
    {
        SystemRandomSource.Instance.Fill(destination);
        if (destination.Length == Rfc7296Limits.NonceLength)
        {
            destination[0] = prefix;
            BinaryPrimitives.WriteUInt32BigEndian(destination[1..], ++_counter);
        }
    }
}
