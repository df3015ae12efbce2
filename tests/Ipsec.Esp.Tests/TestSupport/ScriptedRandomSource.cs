using Ipsec.Crypto.Randomness;

namespace Ipsec.Esp.Tests.TestSupport;

/// <summary>Hands out the given byte strings in order, then zeros: fixes the IVs of the packets a test sends.</summary>
internal sealed class ScriptedRandomSource(params byte[][] outputs) : IRandomSource
{
    private readonly Queue<byte[]> _outputs = new(outputs);

    public void Fill(Span<byte> destination)
    {
        if (_outputs.Count == 0)
        {
            destination.Clear();
            return;
        }

        _outputs.Dequeue().AsSpan().CopyTo(destination);
    }
}
