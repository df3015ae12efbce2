using Ipsec.Crypto.Randomness;

namespace Ipsec.Crypto.Tests.TestSupport;

/// <summary>Hands out the given byte strings in order, one per Fill call, so exponents and IVs become vectors.</summary>
internal sealed class FixedRandomSource(params byte[][] outputs) : IRandomSource
{
    private readonly Queue<byte[]> _outputs = new(outputs);

    public void Fill(Span<byte> destination)
    {
        var next = _outputs.Dequeue();
        if (next.Length != destination.Length)
        {
            throw new InvalidOperationException($"Test asked for {destination.Length} random bytes, fixture has {next.Length}.");
        }

        next.CopyTo(destination);
    }
}
