namespace Ike.Encoding.V2;

/// <summary>Transform types (RFC 7296 §3.3.2; IANA "Transform Type Values").</summary>
/// <remarks>
/// The transform IDs inside each type are plain <see cref="ushort"/>s on the wire types: the algorithm
/// catalogue (which ID means which cipher, key sizes, PRFs) belongs to the crypto project, not to the codec.
/// </remarks>
public enum TransformType : byte
{
    Encryption = 1,
    PseudorandomFunction = 2,
    Integrity = 3,
    DiffieHellmanGroup = 4,
    ExtendedSequenceNumbers = 5,
}
