using System.Security.Cryptography;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Config.V1;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.KeyExchange;
using Ipsec.Crypto.Secrets;

namespace Ike.Engine.Sa.V1.Tasks;

/// <summary>
/// What main mode and aggressive mode share (strongSwan's phase1.c): the proposal, the Diffie-Hellman exchange, the
/// nonces, SKEYID for pre-shared keys and the keys after it, and HASH_I / HASH_R (RFC 2409 §5). Keeps the octets the
/// hashes cover exactly as they went over the wire: SAi_b as the initiator sent it, the ID bodies as sent.
/// </summary>
internal sealed class Phase1 : IDisposable
{
    private readonly IsakmpSa _sa;
    private IKeyExchange? _keyExchange;

    public Phase1(IsakmpSa sa) => _sa = sa;

    /// <summary>The agreed suite, kept on the SA.</summary>
    public IkeSuite? Suite
    {
        get => _sa.Suite;
        set => _sa.Suite = value;
    }

    /// <summary>SAi_b: the body of the initiator's SA payload, as sent.</summary>
    public byte[] SaInitiatorBody { get; private set; } = [];

    public byte[] PublicInitiator { get; private set; } = [];

    public byte[] PublicResponder { get; private set; } = [];

    public byte[] NonceInitiator { get; private set; } = [];

    public byte[] NonceResponder { get; private set; } = [];

    private EngineServices Services => _sa.Host.Services;

    /// <summary>Our SA payload as initiator; aggressive mode offers only its first group (its KE goes with it).</summary>
    public SaPayload OurProposal()
    {
        DhGroup? only = _sa.IsAggressive ? _sa.Connection.IkeOffer.PreferredGroup : null;
        SaPayload proposal = Ikev1Proposals.BuildPhase1(_sa.Connection.IkeOffer, _sa.Connection.Config.IkeLifetime, only, digitalEnvelope: _sa.IsGmT0022);
        SaInitiatorBody = proposal.EncodedBody.ToArray();
        return proposal;
    }

    /// <summary>The responder keeps the initiator's SA body as received: HASH_I and HASH_R cover it.</summary>
    public void RememberInitiatorProposal(SaPayload offered) => SaInitiatorBody = offered.EncodedBody.ToArray();

    /// <summary>Our KE in the negotiated group (in aggressive mode's first message: our first group).</summary>
    public KePayload OurKeyExchange(DhGroup group)
    {
        _keyExchange?.Dispose();
        _keyExchange = Services.KeyExchanges.Create(group);
        byte[] value = _keyExchange.PublicValue.ToArray();
        if (_sa.IsInitiator)
        {
            PublicInitiator = value;
        }
        else
        {
            PublicResponder = value;
        }

        return new KePayload(value);
    }

    /// <summary>Our nonce (RFC 2409 §5: 8-256 octets; ours is as long as IKEv2's).</summary>
    public NoncePayload OurNonce()
    {
        byte[] nonce = Services.NewNonce();
        if (_sa.IsInitiator)
        {
            NonceInitiator = nonce;
        }
        else
        {
            NonceResponder = nonce;
        }

        return new NoncePayload(nonce);
    }

    /// <summary>Takes the peer's KE and nonce; false when the KE is not a valid value of <paramref name="group"/>
    /// (RFC 6989 §2.1 range check, length of the prime).</summary>
    public bool TakePeerValues(DhGroup group, KePayload ke, NoncePayload nonce)
    {
        if (PeerPublicValue.Check(group, ke.KeyExchangeData.Span) != KeyExchangeFailure.None)
        {
            return false;
        }

        if (_sa.IsInitiator)
        {
            PublicResponder = ke.KeyExchangeData.ToArray();
            NonceResponder = nonce.Data.ToArray();
        }
        else
        {
            PublicInitiator = ke.KeyExchangeData.ToArray();
            NonceInitiator = nonce.Data.ToArray();
        }

        return true;
    }

    /// <summary>
    /// g^xy, then SKEYID = prf(PSK, Ni_b | Nr_b) and SKEYID_d/a/e (RFC 2409 §5), installed on the SA with the cipher
    /// and the first IV. The shared secret, SKEYID's temporary copy and our private value are wiped.
    /// </summary>
    public void DeriveKeys()
    {
        IkeSuite suite = Suite ?? throw new InvalidOperationException("no suite negotiated");
        IKeyExchange exchange = _keyExchange ?? throw new InvalidOperationException("no key exchange of ours");
        byte[] shared = exchange.ComputeSharedSecret(_sa.IsInitiator ? PublicResponder : PublicInitiator);
        try
        {
            var prf = new Ipsec.Crypto.Integrity.HmacPrf(suite.Prf);
            using SecretBytes skeyid = KeyMaterialV1.ComputeSkeyIdPsk(prf, _sa.Connection.Config.Psk.Bytes, NonceInitiator, NonceResponder);
            IsakmpSaKeys keys = KeyMaterialV1.DeriveIsakmpSaKeys(prf, suite.Encryption, skeyid.Span, shared, _sa.InitiatorCookie, _sa.ResponderCookie);
            _sa.InstallKeys(suite, keys, PublicInitiator, PublicResponder);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            _keyExchange.Dispose();
            _keyExchange = null;
        }
    }

    /// <summary>
    /// GM/T 0022 main mode keys, which come from the enveloped nonces alone (no Diffie-Hellman exchange):
    /// SKEYID = prf(hash(Ni_b | Nr_b), CKY-I | CKY-R), RFC 2409 §5's form for public key encryption, which the GM/T 0022
    /// summaries describe; then SKEYID_d/a/e as RFC 2409 §5 with g^xy empty, and the first IV hash(Ni_b | Nr_b)
    /// (our choice: the standard's text was not available; both ends are this engine).
    /// </summary>
    public void DeriveEnvelopeKeys(byte[] nonceInitiator, byte[] nonceResponder)
    {
        IkeSuite suite = Suite ?? throw new InvalidOperationException("no suite negotiated");
        NonceInitiator = nonceInitiator;
        NonceResponder = nonceResponder;
        var prf = new Ipsec.Crypto.Integrity.HmacPrf(suite.Prf);
        byte[] nonces = [.. nonceInitiator, .. nonceResponder];
        byte[] key = suite.Prf.Hash == Ipsec.Crypto.Sm.Sm3Hash.Name
            ? Ipsec.Crypto.Sm.Sm3Hash.HashData(nonces)
            : CryptographicOperations.HashData(suite.Prf.Hash, nonces);
        Span<byte> cookies = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(cookies, _sa.InitiatorCookie);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(cookies[8..], _sa.ResponderCookie);
        var skeyid = new SecretBytes(prf.OutputLength);
        try
        {
            prf.Compute(key, cookies, skeyid.WritableSpan);
            IsakmpSaKeys keys = KeyMaterialV1.DeriveIsakmpSaKeys(prf, suite.Encryption, skeyid.Span, [], _sa.InitiatorCookie, _sa.ResponderCookie);
            _sa.InstallKeys(suite, keys, nonceInitiator, nonceResponder);
        }
        finally
        {
            skeyid.Dispose();
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(nonces);
        }
    }

    /// <summary>HASH_I over the initiator's ID body as sent.</summary>
    public byte[] HashI(IdPayload initiatorId) =>
        KeyMaterialV1.ComputeHashI(_sa.Prf!, _sa.Keys.SkeyId, PublicInitiator, PublicResponder, _sa.InitiatorCookie, _sa.ResponderCookie,
            SaInitiatorBody, initiatorId.EncodedBody.Span);

    /// <summary>HASH_R over the responder's ID body as sent.</summary>
    public byte[] HashR(IdPayload responderId) =>
        KeyMaterialV1.ComputeHashR(_sa.Prf!, _sa.Keys.SkeyId, PublicInitiator, PublicResponder, _sa.InitiatorCookie, _sa.ResponderCookie,
            SaInitiatorBody, responderId.EncodedBody.Span);

    /// <summary>Why the peer did not authenticate: another identity than the connection expects, or (same identity) a
    /// hash that does not verify, which with pre-shared keys means the keys differ.</summary>
    public NegotiationDiagnostic AuthenticationFailure(string exchange, IdPayload peerId)
    {
        string expected = _sa.Connection.Config.RemoteId;
        return Ikev1Identities.Names(peerId, expected)
            ? Diagnostics.Ikev1Diagnostics.HashMismatchLocal(exchange, Ikev1Identities.Describe(peerId))
            : Diagnostics.Ikev1Diagnostics.AuthenticationFailedLocal(exchange, Ikev1Identities.Describe(peerId), Ikev1Identities.Describe(Ikev1Identities.ForIdentity(expected)));
    }

    /// <summary>Compares a received HASH_I/HASH_R in constant time.</summary>
    public static bool Verify(HashPayload? received, byte[] expected) =>
        received is not null && CryptographicOperations.FixedTimeEquals(received.Data.Span, expected);

    public void Dispose()
    {
        _keyExchange?.Dispose();
        _keyExchange = null;
        CryptographicOperations.ZeroMemory(NonceInitiator);
        CryptographicOperations.ZeroMemory(NonceResponder);
    }
}
