namespace Ike.Engine.Timing;

/// <summary>Timers an operator may tune; defaults follow strongSwan's charon (retransmission) and RFC 7296.</summary>
public sealed record IkeTimingOptions
{
    /// <summary>First retransmission after this long (§2.1 leaves it to the implementation; charon uses 4 s).</summary>
    public TimeSpan RetransmitTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Each retransmission waits this factor longer than the previous one (§2.1: "exponential back-off").</summary>
    public double RetransmitBase { get; init; } = 1.8;

    /// <summary>Retransmissions before an exchange is given up (and the IKE SA with it, §2.4).</summary>
    public int RetransmitTries { get; init; } = 5;

    /// <summary>Longest single wait between retransmissions.</summary>
    public TimeSpan RetransmitLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A responder's half-open IKE SA (IKE_SA_INIT answered, no IKE_AUTH yet) is dropped after this long.</summary>
    public TimeSpan HalfOpenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>With this many half-open SAs the responder answers IKE_SA_INIT with N(COOKIE) first (§2.6).</summary>
    public int CookieThreshold { get; init; } = 10;

    /// <summary>The COOKIE secret is replaced this often; a cookie made with the previous secret is still accepted for one
    /// more period (§2.6: "the responder SHOULD ... change the value of &lt;secret&gt; frequently").</summary>
    public TimeSpan CookieSecretLifetime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many unprotected answers (INVALID_IKE_SPI, INVALID_MAJOR_VERSION) leave per second
    /// (§2.21.4: "A node needs to limit the rate at which it will send messages in response to unprotected messages").</summary>
    public int UnprotectedResponsesPerSecond { get; init; } = 10;

    /// <summary>A connection that negotiates immediately is tried again after its peer was declared dead (or a try
    /// failed): first after <see cref="RetransmitTimeout"/>, then twice as long each time, at most this long.</summary>
    public TimeSpan ReinitiateLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rekey starts this fraction of the lifetime before it ends, minus jitter.</summary>
    public double RekeyMarginFraction { get; init; } = 0.1;

    /// <summary>Up to this fraction of the lifetime is taken off at random, so that both ends do not rekey together
    /// (§2.8.1 collisions stay rare).</summary>
    public double RekeyJitterFraction { get; init; } = 0.05;

    /// <summary>NAT keepalives (RFC 3948 §2.3) when the peer was silent this long and a NAT is in the path.</summary>
    public TimeSpan NatKeepaliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a deleting SA waits for the peer's Delete answer before it goes anyway.</summary>
    public TimeSpan DeleteTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
