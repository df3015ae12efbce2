using Ike.Engine.Timing;
using Ipsec.Crypto.KeyExchange;
using Ipsec.Crypto.Randomness;
using Microsoft.Extensions.Logging;

namespace Ike.Engine;

/// <summary>The engine's seams and knobs; every one has a production default.</summary>
public sealed record IkeEngineOptions
{
    /// <summary>Timers and clock source; tests pass a FakeTimeProvider.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Nonces, SPIs, IVs, private exponents; tests pass a fixed sequence for reproducible vectors.</summary>
    public IRandomSource? Random { get; init; }

    /// <summary>Diffie-Hellman implementation (default: OpenSSL where available, see KeyExchangeFactories).</summary>
    public IKeyExchangeFactory? KeyExchanges { get; init; }

    public IkeTimingOptions Timing { get; init; } = new();

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Fake the NAT-D source hash so ESP is always UDP-encapsulated (strongSwan's encap=yes). On by default: the
    /// engine's ESP path is userspace over UDP only. Only connections with NAT traversal enabled send NAT-D at all.
    /// </summary>
    public bool ForceUdpEncapsulation { get; init; } = true;
}
