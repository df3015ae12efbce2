namespace Ipsec.Esp.Sa;

/// <summary>Outcome of <see cref="EspSa.Unprotect"/>: the inner packet and its Next Header on success.</summary>
public readonly record struct EspUnprotectResult(EspUnprotectStatus Status, byte[]? Payload, byte NextHeader, uint SequenceNumber)
{
    public bool IsSuccess => Status == EspUnprotectStatus.Success;
}
