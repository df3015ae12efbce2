namespace Ipsec.Esp.Sa;

/// <summary>What the receive window says about a sequence number (RFC 4303 §3.4.3).</summary>
public enum ReplayCheck
{
    /// <summary>New: right of the window, or inside it and not seen yet.</summary>
    Accepted,

    /// <summary>Inside the window and already received.</summary>
    Duplicate,

    /// <summary>Left of the window: too old to tell, so dropped.</summary>
    TooOld,

    /// <summary>Zero never appears: the first packet sent on an SA has sequence number 1 (RFC 4303 §3.3.3).</summary>
    Zero,
}
