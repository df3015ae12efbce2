namespace Ipsec.Esp.Sa;

/// <summary>An ESP SA protects one direction of traffic (RFC 4301 §4.1): outbound SAs send, inbound SAs receive.</summary>
public enum EspDirection
{
    Outbound,
    Inbound,
}
