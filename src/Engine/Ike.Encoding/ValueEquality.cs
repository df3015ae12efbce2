namespace Ike.Encoding;

/// <summary>
/// Structural equality for the byte and list members of payload records, which the compiler-generated
/// record equality would compare by reference.
/// </summary>
internal static class ValueEquality
{
    public static bool BytesEqual(ReadOnlyMemory<byte> left, ReadOnlyMemory<byte> right) =>
        left.Span.SequenceEqual(right.Span);

    public static bool ListsEqual<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static int BytesHash(ReadOnlyMemory<byte> bytes)
    {
        HashCode hash = default;
        hash.AddBytes(bytes.Span);
        return hash.ToHashCode();
    }

    public static int ListHash<T>(IReadOnlyList<T> list)
    {
        HashCode hash = default;
        foreach (T item in list)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
