using System.Net;
using System.Security.Cryptography;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Kdf;

namespace Ike.Engine.Sa;

/// <summary>
/// One IKE SA: SPIs, role, endpoints, negotiated suite, keys, the CHILD SAs it owns and its task manager. Only the
/// engine's event loop touches it. Keys are installed all at once when the key exchange completed
/// (<see cref="InstallKeys"/>) and wiped when the SA dies (<see cref="Dispose"/>).
/// </summary>
internal sealed class IkeSa : IDisposable
{
    private IkeSaKeys? _keys;

    public IkeSa(ISaHost host, LoadedConnection connection, bool isOriginalInitiator, ulong initiatorSpi, ulong responderSpi,
        IPEndPoint local, IPEndPoint remote)
    {
        Host = host;
        Connection = connection;
        IsOriginalInitiator = isOriginalInitiator;
        InitiatorSpi = initiatorSpi;
        ResponderSpi = responderSpi;
        Local = local;
        Remote = remote;
        Tasks = new TaskManager(this);
    }

    public ISaHost Host { get; }

    /// <summary>May change once, in IKE_AUTH, when the peer's ID picks another connection with the same endpoints.</summary>
    public LoadedConnection Connection { get; set; }

    public IkeSaState State { get; set; } = IkeSaState.Created;

    /// <summary>True when we sent the IKE_SA_INIT (or the CREATE_CHILD_SA that rekeyed into this SA, §2.18).</summary>
    public bool IsOriginalInitiator { get; }

    /// <summary>The peer ended this SA with INFORMATIONAL { D(IKE) } (not a rekey's Delete of the old SA).</summary>
    public bool DeletedByPeer { get; set; }

    public ulong InitiatorSpi { get; }

    /// <summary>Zero until the IKE_SA_INIT response names it.</summary>
    public ulong ResponderSpi { get; set; }

    /// <summary>The SPI that names this SA in our tables.</summary>
    public ulong LocalSpi => IsOriginalInitiator ? InitiatorSpi : ResponderSpi;

    /// <summary>Where we send from and to; moves with the NAT-T float (§2.23).</summary>
    public IPEndPoint Local { get; set; }

    public IPEndPoint Remote { get; set; }

    public TaskManager Tasks { get; }

    public IkeSuite? Suite { get; private set; }

    public HmacPrf? Prf { get; private set; }

    /// <summary>SK_ei/SK_ai: protects messages the original initiator sends.</summary>
    public MessageProtection? FromInitiator { get; private set; }

    /// <summary>SK_er/SK_ar: protects messages the original responder sends.</summary>
    public MessageProtection? FromResponder { get; private set; }

    public MessageProtection? Outbound => IsOriginalInitiator ? FromInitiator : FromResponder;

    public ReadOnlySpan<byte> SkD => Keys.SkD;

    public IkeSaKeys Keys => _keys ?? throw new InvalidOperationException("the IKE SA has no keys yet");

    public bool HasKeys => _keys is not null;

    /// <summary>Ni and Nr of IKE_SA_INIT (or of the rekeying exchange): AUTH and the first CHILD SA's KEYMAT use them.</summary>
    public byte[] NonceInitiator { get; set; } = [];

    public byte[] NonceResponder { get; set; } = [];

    /// <summary>RealMessage1 / RealMessage2 of §2.15: the IKE_SA_INIT request and response exactly as sent.</summary>
    public byte[] InitRequest { get; set; } = [];

    public byte[] InitResponse { get; set; } = [];

    /// <summary>NAT-D (§2.23): our address as the peer sees it differs (we are behind a NAT, or we fake it to force
    /// UDP encapsulation), and the peer's.</summary>
    public bool LocalBehindNat { get; set; }

    public bool RemoteBehindNat { get; set; }

    public bool NatDetected => LocalBehindNat || RemoteBehindNat;

    /// <summary>The peer sent NAT_DETECTION payloads: it speaks NAT-T.</summary>
    public bool PeerSupportsNatTraversal { get; set; }

    public IdPayload? PeerId { get; set; }

    public List<ChildSa> Children { get; } = [];

    /// <summary>The new IKE SA the peer's rekey made while ours was outstanding (RFC 7296 §2.8.2), still
    /// <see cref="IkeSaState.Passive"/>: it inherits the CHILD SAs when our rekey loses the nonce rule or fails, or when
    /// the peer deletes this SA (it did not notice the collision).</summary>
    public IkeSa? PeerRekeyedInto { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset EstablishedAt { get; set; }

    public DateTimeOffset? RekeyAt { get; set; }

    /// <summary>Last authenticated IKE message or ESP packet from the peer: DPD looks at it (RFC 7296 §2.4).</summary>
    public DateTimeOffset LastInbound { get; set; }

    /// <summary>Last datagram we sent the peer: NAT keepalives are only needed when we were quiet (RFC 3948 §2.3).</summary>
    public DateTimeOffset LastOutbound { get; set; }

    /// <summary>The diagnostic of the first failure, reported to whoever waits for establishment.</summary>
    public NegotiationDiagnostic? Failure { get; set; }

    /// <summary>Callers of InitiateAsync waiting for the first CHILD SA (or the failure).</summary>
    public List<Action<NegotiationResult>> EstablishmentWaiters { get; } = [];

    /// <summary>Callers of TerminateAsync waiting for the SA to be gone.</summary>
    public List<Action> DestroyWaiters { get; } = [];

    /// <summary>Timers of this SA (rekey, expiry, DPD, keepalive); disposed with it.</summary>
    public List<ITimer> Timers { get; } = [];

    public string Describe() => $"{Connection.Name}[{InitiatorSpi:x16}_i {ResponderSpi:x16}_r]";

    /// <summary>Takes ownership of <paramref name="keys"/> and builds both directions' message protection.</summary>
    public void InstallKeys(IkeSuite suite, IkeSaKeys keys)
    {
        if (_keys is not null)
        {
            throw new InvalidOperationException("keys are installed once per IKE SA");
        }

        var fromInitiator = MessageProtection.Create(suite.Encryption, keys.SkEi, suite.Integrity, keys.SkAi, Host.Services.Random);
        var fromResponder = MessageProtection.Create(suite.Encryption, keys.SkEr, suite.Integrity, keys.SkAr, Host.Services.Random);
        Suite = suite;
        Prf = new HmacPrf(suite.Prf);
        _keys = keys;
        FromInitiator = fromInitiator;
        FromResponder = fromResponder;
    }

    /// <summary>The protection that opens a message with this header (its sender's direction, §2.14).</summary>
    public MessageProtection? InboundFor(IkeHeader header) => header.IsFromOriginalInitiator ? FromInitiator : FromResponder;

    public void Dispose()
    {
        foreach (ITimer timer in Timers)
        {
            timer.Dispose();
        }

        Timers.Clear();
        Tasks.Dispose();
        _keys?.Dispose();
        FromInitiator?.Dispose();
        FromResponder?.Dispose();
        CryptographicOperations.ZeroMemory(NonceInitiator);
        CryptographicOperations.ZeroMemory(NonceResponder);
        State = IkeSaState.Destroyed;
    }
}
