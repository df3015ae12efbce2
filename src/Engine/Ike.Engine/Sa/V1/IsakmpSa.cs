using System.Net;
using System.Security.Cryptography;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Kdf;
using V1IdPayload = Ike.Encoding.V1.Payloads.IdPayload;

namespace Ike.Engine.Sa.V1;

/// <summary>
/// One ISAKMP SA (IKEv1 phase 1 SA, RFC 2408 §2.5.3): the cookie pair, role and mode, endpoints, negotiated suite and
/// keys, the IPsec SAs it negotiated, DPD and NAT-T state, and its exchanges. Only the engine loop touches it. Keys are
/// installed once, when the Diffie-Hellman exchange completed (<see cref="InstallKeys"/>), and wiped when it dies.
/// </summary>
internal sealed class IsakmpSa : IDisposable
{
    private IsakmpSaKeys? _keys;

    public IsakmpSa(IIsakmpHost host, LoadedConnection connection, bool isInitiator, ulong initiatorCookie, ulong responderCookie,
        IPEndPoint local, IPEndPoint remote)
    {
        Host = host;
        Connection = connection;
        IsInitiator = isInitiator;
        InitiatorCookie = initiatorCookie;
        ResponderCookie = responderCookie;
        Local = local;
        Remote = remote;
        Exchanges = new IsakmpTaskManager(this);
    }

    public IIsakmpHost Host { get; }

    /// <summary>As responder it may change once, when the peer's identity picks another connection on the same endpoints.</summary>
    public LoadedConnection Connection { get; set; }

    public bool IsAggressive => Connection.Config.Protocol == IkeProtocol.Ikev1Aggressive;

    /// <summary>GM/T 0022 (ISAKMP 1.1, digital envelope main mode): decided by our connection when we initiate, by the
    /// version of the peer's first message when we respond; every message of the SA then carries that version.</summary>
    public bool IsGmT0022 { get; init; }

    /// <summary>The header minor version of this SA's messages.</summary>
    public byte MinorVersion => GmT0022.GmT0022Profile.MinorVersionFor(IsGmT0022);

    public IkeSaState State { get; set; } = IkeSaState.Created;

    /// <summary>True when we sent the first phase 1 message.</summary>
    public bool IsInitiator { get; }

    public ulong InitiatorCookie { get; }

    /// <summary>Zero until the responder's first message names it.</summary>
    public ulong ResponderCookie { get; set; }

    /// <summary>The cookie that names this SA in our tables.</summary>
    public ulong LocalCookie => IsInitiator ? InitiatorCookie : ResponderCookie;

    /// <summary>Where we send from and to; moves with the NAT-T float (RFC 3947 §4).</summary>
    public IPEndPoint Local { get; set; }

    public IPEndPoint Remote { get; set; }

    public IsakmpTaskManager Exchanges { get; }

    /// <summary>The ISAKMP SA this one rekeys: it takes over that one's IPsec SAs once it is up.</summary>
    public IsakmpSa? Replaces { get; init; }

    /// <summary>The phase 1 suite, from the moment the proposal is agreed (NAT-D hashes use it before the keys exist).</summary>
    public IkeSuite? Suite { get; set; }

    public HmacPrf? Prf { get; private set; }

    public IsakmpSaKeys Keys => _keys ?? throw new InvalidOperationException("the ISAKMP SA has no keys yet");

    public bool HasKeys => _keys is not null;

    public IsakmpProtection? Protection { get; private set; }

    /// <summary>hash(g^xi | g^xr): the IV of the first encrypted phase 1 message (RFC 2409 Appendix B).</summary>
    public byte[] InitialIv { get; private set; } = [];

    /// <summary>The last CBC block of phase 1, from which every quick mode and informational IV is made; empty until
    /// phase 1 completed.</summary>
    public byte[] LastPhase1Block { get; set; } = [];

    public NatTraversalDialect NatTraversal { get; set; }

    /// <summary>NAT-D: our address as the peer sees it differs (or we fake it to force UDP encapsulation), and the peer's.</summary>
    public bool LocalBehindNat { get; set; }

    public bool RemoteBehindNat { get; set; }

    public bool NatDetected => LocalBehindNat || RemoteBehindNat;

    /// <summary>The peer announced RFC 3706 DPD by vendor ID: it answers R-U-THERE.</summary>
    public bool PeerSupportsDpd { get; set; }

    public V1IdPayload? PeerId { get; set; }

    public List<ChildSa> Children { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset EstablishedAt { get; set; }

    /// <summary>The peer ended this SA with an ISAKMP Delete (RFC 2408 §3.15).</summary>
    public bool DeletedByPeer { get; set; }

    public DateTimeOffset? RekeyAt { get; set; }

    /// <summary>Last authenticated message or ESP packet from the peer: DPD looks at it (RFC 3706 §5.3).</summary>
    public DateTimeOffset LastInbound { get; set; }

    public DateTimeOffset LastOutbound { get; set; }

    /// <summary>RFC 3706 §7: our R-U-THERE sequence numbers, the first one random.</summary>
    public uint DpdSequence { get; set; }

    /// <summary>The sequence numbers of R-U-THEREs sent since the last answer; empty when nothing is outstanding.</summary>
    public List<uint> DpdOutstanding { get; } = [];

    public NegotiationDiagnostic? Failure { get; set; }

    public List<Action<NegotiationResult>> EstablishmentWaiters { get; } = [];

    public List<Action> DestroyWaiters { get; } = [];

    public List<ITimer> Timers { get; } = [];

    public bool IsEstablished => State is IkeSaState.Established or IkeSaState.Rekeying;

    public string Describe() => $"{Connection.Name}[{InitiatorCookie:x16}_i {ResponderCookie:x16}_r]";

    /// <summary>Takes ownership of <paramref name="keys"/>; builds the cipher and the first phase 1 IV, the hash of
    /// <paramref name="publicInitiator"/> | <paramref name="publicResponder"/> (g^xi | g^xr; GM/T 0022, which has no
    /// Diffie-Hellman exchange, passes its nonces).</summary>
    public void InstallKeys(IkeSuite suite, IsakmpSaKeys keys, ReadOnlySpan<byte> publicInitiator, ReadOnlySpan<byte> publicResponder)
    {
        if (_keys is not null)
        {
            throw new InvalidOperationException("keys are installed once per ISAKMP SA");
        }

        IsakmpProtection protection = IsakmpProtection.Create(suite.Encryption, keys.EncryptionKey);
        byte[] iv = KeyMaterialV1.ComputePhase1Iv(suite.Prf, publicInitiator, publicResponder, protection.BlockSize);
        Suite = suite;
        Prf = new HmacPrf(suite.Prf);
        Protection = protection;
        InitialIv = iv;
        _keys = keys;
    }

    /// <summary>The first IV of a quick mode or informational exchange with this M-ID (RFC 2409 Appendix B).</summary>
    public byte[] Phase2Iv(uint messageId) =>
        KeyMaterialV1.ComputePhase2Iv(Suite!.Prf, LastPhase1Block.Length > 0 ? LastPhase1Block : InitialIv, messageId, Protection!.BlockSize);

    public void Dispose()
    {
        foreach (ITimer timer in Timers)
        {
            timer.Dispose();
        }

        Timers.Clear();
        Exchanges.Dispose();
        _keys?.Dispose();
        Protection?.Dispose();
        State = IkeSaState.Destroyed;
    }
}
