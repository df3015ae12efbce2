namespace Ike.Encoding.V2;

/// <summary>Flags octet of the IKEv2 header (RFC 7296 §3.1).</summary>
/// <remarks>The other five bits are reserved: "MUST be cleared when sending and MUST be ignored on receipt".</remarks>
[Flags]
public enum IkeHeaderFlags : byte
{
    None = 0,

    /// <summary>Set by the original initiator of the IKE SA in every message it sends.</summary>
    Initiator = 0x08,

    /// <summary>The sender could speak a higher major version; we never set it.</summary>
    Version = 0x10,

    /// <summary>The message answers a request with the same Message ID.</summary>
    Response = 0x20,
}
