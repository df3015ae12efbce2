namespace Ipsec.Esp.Sa;

/// <summary>
/// The anti-replay receive window of an inbound SA (RFC 4303 §3.4.3) as a ring of 64-bit blocks (RFC 6479): sliding
/// the window right clears whole blocks instead of shifting every bit, so a packet far ahead costs no more than one
/// just ahead. 32-bit sequence numbers only (no ESN).
/// </summary>
/// <remarks>
/// Call <see cref="Check"/> before the ICV is verified and <see cref="Accept"/> only after it succeeded: RFC 4303 §3.4.3
/// updates the window only for authentic packets, so forged packets cannot move it. Not thread-safe.
/// </remarks>
public sealed class ReplayWindow
{
    /// <summary>RFC 4303 §3.4.3: 32 MUST be supported, 64 SHOULD be the default.</summary>
    public const int DefaultSize = 64;

    private const int BitsPerBlock = 64;

    private readonly ulong[] _blocks;

    /// <param name="size">Packets the window covers; a positive multiple of 64 (RFC 6479 §2 sizes the window in whole
    /// blocks and keeps one block more as the slack that lets it slide without shifting).</param>
    public ReplayWindow(int size = DefaultSize)
    {
        if (size <= 0 || size % BitsPerBlock != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "The window size must be a positive multiple of 64.");
        }

        Size = size;
        _blocks = new ulong[(size / BitsPerBlock) + 1];
    }

    public int Size { get; }

    /// <summary>Highest sequence number accepted so far (0 before the first).</summary>
    public uint Highest { get; private set; }

    /// <summary>Classifies <paramref name="sequence"/> without changing the window.</summary>
    public ReplayCheck Check(uint sequence)
    {
        if (sequence == 0)
        {
            return ReplayCheck.Zero;
        }

        if (sequence > Highest)
        {
            return ReplayCheck.Accepted;
        }

        if (Highest - sequence >= (uint)Size)
        {
            return ReplayCheck.TooOld;
        }

        var (block, mask) = Locate(sequence);
        return (_blocks[block] & mask) != 0 ? ReplayCheck.Duplicate : ReplayCheck.Accepted;
    }

    /// <summary>Checks again and, when accepted, records <paramref name="sequence"/>; call after the ICV verified.</summary>
    public ReplayCheck Accept(uint sequence)
    {
        var verdict = Check(sequence);
        if (verdict != ReplayCheck.Accepted)
        {
            return verdict;
        }

        if (sequence > Highest)
        {
            SlideTo(sequence);
        }

        var (block, mask) = Locate(sequence);
        _blocks[block] |= mask;
        return ReplayCheck.Accepted;
    }

    private void SlideTo(uint sequence)
    {
        // Clear every block the window enters; a jump of more than the ring clears all of them.
        var currentBlock = Highest / BitsPerBlock;
        var newBlock = sequence / BitsPerBlock;
        var blocksToClear = Math.Min(newBlock - currentBlock, (uint)_blocks.Length);
        for (uint i = 1; i <= blocksToClear; i++)
        {
            _blocks[(currentBlock + i) % (uint)_blocks.Length] = 0;
        }

        Highest = sequence;
    }

    private (int Block, ulong Mask) Locate(uint sequence) =>
        ((int)(sequence / BitsPerBlock % (uint)_blocks.Length), 1UL << (int)(sequence % BitsPerBlock));
}
