using System.Net;
using Ike.Encoding.V2.Payloads;
using Ipsec.Crypto.KeyExchange;
using Ipsec.Crypto.Randomness;

namespace Ike.HandshakeBench.Initiator;

/// <summary>
/// What every handshake of one initiator shares: endpoints, identities, PSK, the CHILD SA's selectors and the one
/// Diffie-Hellman key pair.
/// </summary>
/// <remarks>
/// The key pair is reused for every handshake, which RFC 7296 §2.12 permits ("an implementation MAY reuse" its DH
/// exponential). That keeps the initiator cheap (one modular exponentiation per handshake instead of two), so that on
/// its own core it is not what limits the rate; the responders cannot tell and still do their full work.
/// </remarks>
internal sealed class InitiatorContext : IDisposable
{
    public InitiatorContext(IPEndPoint local, IPEndPoint remote, string localId, byte[] psk, bool withChild, TrafficSelector localTs, TrafficSelector remoteTs)
    {
        Local = local;
        Remote = remote;
        LocalId = localId;
        Psk = psk;
        WithChild = withChild;
        LocalTs = localTs;
        RemoteTs = remoteTs;
        KeyExchange = KeyExchangeFactories.CreateDefault().Create(BenchSuite.Group);
    }

    public IPEndPoint Local { get; }

    public IPEndPoint Remote { get; }

    public string LocalId { get; }

    /// <summary>The PSK's bytes (RFC 7296 §2.15); zeroed on Dispose.</summary>
    public byte[] Psk { get; }

    /// <summary>True: IKE_AUTH carries SAi2/TSi/TSr; false: a childless IKE_AUTH (RFC 6023 §3).</summary>
    public bool WithChild { get; }

    public TrafficSelector LocalTs { get; }

    public TrafficSelector RemoteTs { get; }

    public IKeyExchange KeyExchange { get; }

    public IRandomSource Random { get; } = SystemRandomSource.Instance;

    public void Dispose()
    {
        KeyExchange.Dispose();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(Psk);
    }
}
