namespace Ipsec.Esp.Sa;

/// <summary>Outcome of <see cref="EspSa.Protect"/>: the ESP packet (from the SPI to the ICV) on success.</summary>
public readonly record struct EspProtectResult(EspProtectStatus Status, byte[]? Packet, uint SequenceNumber)
{
    public bool IsSuccess => Status == EspProtectStatus.Success;
}
