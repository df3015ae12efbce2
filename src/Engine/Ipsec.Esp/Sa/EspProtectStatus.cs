namespace Ipsec.Esp.Sa;

public enum EspProtectStatus
{
    Success,

    /// <summary>Sequence number 2^32-1 was used: sending again would make it cycle, which RFC 4303 §3.3.3 forbids.
    /// The SA must be replaced (rekeyed) before more traffic goes out.</summary>
    SequenceNumberExhausted,
}
