namespace Ike.Engine.Timing;

/// <summary>When a NAT keepalive (RFC 3948 §2.3: a one-octet 0xFF) is due, for IKEv2 and IKEv1 SAs alike: only after
/// <c>interval</c> without anything sent, so a busy SA sends none. Pure: the caller passes the clock.</summary>
public static class NatKeepaliveSchedule
{
    /// <summary>Whether to send a keepalive now, and how long until the next check.</summary>
    public static (bool SendNow, TimeSpan NextCheck) Decide(DateTimeOffset now, DateTimeOffset lastOutbound, TimeSpan interval)
    {
        TimeSpan quiet = now - lastOutbound;
        return quiet >= interval ? (true, interval) : (false, interval - quiet);
    }
}
