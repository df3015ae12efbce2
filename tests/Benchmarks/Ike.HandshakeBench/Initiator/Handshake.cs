using System.Buffers.Binary;
using System.Security.Cryptography;
using Ike.Benchmarks.Shared;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.KeyExchange;

namespace Ike.HandshakeBench.Initiator;

/// <summary>
/// One initiator-side IKEv2 handshake, PSK, no retransmission, then its teardown:
/// <code>
/// HDR, SAi1, KEi, Ni, N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP)  -->
///                                   &lt;--  HDR, SAr1, KEr, Nr, [N(NAT_DETECTION_*)], [N(...)]
/// HDR, SK {IDi, AUTH, [SAi2, TSi, TSr]}  -->
///                                   &lt;--  HDR, SK {IDr, AUTH, [SAr2, TSi, TSr]}
/// HDR, SK {D(IKE)}  -->
///                                   &lt;--  HDR, SK {}
/// </code>
/// Without a CHILD SA the IKE_AUTH is childless (RFC 6023 §3). The responder's AUTH is verified (RFC 7296 §2.15), so a
/// handshake counts only when the responder really authenticated. The Delete (§1.4.1) keeps the responder's SA table
/// small, as a gateway whose tunnels come and go; its cost is part of what the responder is charged per handshake.
/// </summary>
internal sealed class Handshake : IDisposable
{
    private readonly InitiatorContext _context;
    private readonly HmacPrf _prf = new(BenchSuite.Auth);
    private readonly byte[] _nonceInitiator = new byte[32];
    private byte[] _initRequest = [];
    private ReadOnlyMemory<byte> _initResponse;
    private byte[] _nonceResponder = [];
    private ulong _responderSpi;
    private IkeSaKeys? _keys;
    private CbcHmacProtection? _outbound;
    private CbcHmacProtection? _inbound;
    private string? _failureAfterDelete;

    public Handshake(InitiatorContext context, long startedAt)
    {
        _context = context;
        StartedAt = startedAt;
        Span<byte> spi = stackalloc byte[8];
        do
        {
            context.Random.Fill(spi);
            InitiatorSpi = BinaryPrimitives.ReadUInt64BigEndian(spi);
        }
        while (InitiatorSpi == 0);

        context.Random.Fill(_nonceInitiator);
    }

    public ulong InitiatorSpi { get; }

    public HandshakeStage Stage { get; private set; } = HandshakeStage.AwaitingInitResponse;

    /// <summary>Stopwatch timestamp of the IKE_SA_INIT request.</summary>
    public long StartedAt { get; }

    /// <summary>Stopwatch timestamp of the last request sent (for the give-up timeout).</summary>
    public long LastSentAt { get; set; }

    /// <summary>Stopwatch timestamp at which the responder's AUTH verified; 0 before.</summary>
    public long EstablishedAt { get; private set; }

    /// <summary>HDR(SPIi, 0), SAi1, KEi, Ni, N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP) (RFC 7296 §1.2, §2.23).</summary>
    public byte[] BuildInitRequest()
    {
        var message = new IkeMessage(InitiatorSpi, 0, ExchangeType.IkeSaInit, IkeHeaderFlags.Initiator, 0,
        [
            BenchSuite.IkeProposal,
            new KePayload(BenchSuite.Group.Id, _context.KeyExchange.PublicValue.ToArray()),
            new NoncePayload(_nonceInitiator),
            NotifyPayload.Create(NotifyType.NatDetectionSourceIp, NatDetection.Hash(InitiatorSpi, 0, _context.Local)),
            NotifyPayload.Create(NotifyType.NatDetectionDestinationIp, NatDetection.Hash(InitiatorSpi, 0, _context.Remote)),
        ]);
        _initRequest = IkeMessageCodec.Encode(message, protection: null);
        return _initRequest;
    }

    /// <summary>Consumes the response to the request in flight (the IKE message, non-ESP marker already removed).</summary>
    public StepResult OnResponse(ReadOnlySpan<byte> ikeMessage, long now) => Stage switch
    {
        HandshakeStage.AwaitingInitResponse => OnInitResponse(ikeMessage),
        HandshakeStage.AwaitingAuthResponse => OnAuthResponse(ikeMessage, now),
        HandshakeStage.AwaitingDeleteResponse => OnDeleteResponse(ikeMessage),
        _ => StepResult.Fail("response after the handshake finished"),
    };

    public void Dispose()
    {
        _outbound?.Dispose();
        _inbound?.Dispose();
        _keys?.Dispose();
        CryptographicOperations.ZeroMemory(_nonceInitiator);
    }

    private StepResult OnInitResponse(ReadOnlySpan<byte> bytes)
    {
        DecodeResult decoded = IkeMessageCodec.Decode(bytes, protection: null);
        if (!decoded.IsOk)
        {
            return Finish(StepResult.Fail($"IKE_SA_INIT response undecodable: {decoded}"));
        }

        IkeMessage response = decoded.Message;
        if (response.ExchangeType != ExchangeType.IkeSaInit || !response.IsResponse || response.MessageId != 0)
        {
            return Finish(StepResult.Fail("IKE_SA_INIT: unexpected message"));
        }

        if (response.FindNotify(NotifyType.Cookie) is not null)
        {
            return Finish(StepResult.Fail("IKE_SA_INIT: responder asked for a COOKIE (cookies must be off for the run)"));
        }

        if (response.Notifies.FirstOrDefault(n => n.IsError) is { } error)
        {
            return Finish(StepResult.Fail($"IKE_SA_INIT: {error.NotifyType}"));
        }

        var ke = response.Find<KePayload>();
        var nonce = response.Find<NoncePayload>();
        var sa = response.Find<SaPayload>();
        if (ke is null || nonce is null || sa is null || response.ResponderSpi == 0 || ke.DhGroup != BenchSuite.Group.Id)
        {
            return Finish(StepResult.Fail("IKE_SA_INIT: response lacks SA, KE or Nr, or has another group"));
        }

        byte[] shared;
        try
        {
            shared = _context.KeyExchange.ComputeSharedSecret(ke.KeyExchangeData.Span);
        }
        catch (InvalidKeyExchangeValueException)
        {
            return Finish(StepResult.Fail("IKE_SA_INIT: responder's KE fails the RFC 6989 range check"));
        }

        _responderSpi = response.ResponderSpi;
        _nonceResponder = nonce.Data.ToArray();
        _initResponse = response.RawBytes;
        try
        {
            _keys = KeyMaterialV2.DeriveIkeSaKeys(BenchSuite.IkeSuite, shared, _nonceInitiator, _nonceResponder, InitiatorSpi, _responderSpi);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }

        _outbound = new CbcHmacProtection(BenchSuite.Encryption, _keys.SkEi, BenchSuite.Auth, _keys.SkAi);
        _inbound = new CbcHmacProtection(BenchSuite.Encryption, _keys.SkEr, BenchSuite.Auth, _keys.SkAr);
        Stage = HandshakeStage.AwaitingAuthResponse;
        return StepResult.Next(BuildAuthRequest());
    }

    /// <summary>HDR, SK {IDi, AUTH, [SAi2, TSi, TSr]}; AUTH = prf(prf(PSK, "Key Pad for IKEv2"), RealMessage1 | Nr | prf(SK_pi, IDi')) (§2.15).</summary>
    private byte[] BuildAuthRequest()
    {
        IdPayload id = IdPayload.FromFqdn(PayloadType.IdentificationInitiator, _context.LocalId);
        byte[] signed = KeyMaterialV2.ComputeSignedOctets(_prf, _initRequest, _nonceResponder, _keys!.SkPi, id.EncodedBody.Span);
        byte[] auth = KeyMaterialV2.ComputePskAuth(_prf, _context.Psk, signed);
        List<IkePayload> payloads = [id, new AuthPayload(AuthMethod.SharedKeyMessageIntegrityCode, auth)];
        if (_context.WithChild)
        {
            Span<byte> spi = stackalloc byte[4];
            _context.Random.Fill(spi);
            payloads.Add(BenchSuite.EspProposal(BinaryPrimitives.ReadUInt32BigEndian(spi) | 0x100)); // SPIs 0-255 are reserved (RFC 4303 §2.1)
            payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, [_context.LocalTs]));
            payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, [_context.RemoteTs]));
        }

        var message = new IkeMessage(InitiatorSpi, _responderSpi, ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1, [], payloads);
        return IkeMessageCodec.Encode(message, _outbound);
    }

    private StepResult OnAuthResponse(ReadOnlySpan<byte> bytes, long now)
    {
        DecodeResult decoded = IkeMessageCodec.Decode(bytes, _inbound);
        if (!decoded.IsOk)
        {
            return Finish(StepResult.Fail($"IKE_AUTH response undecodable: {decoded}"));
        }

        IkeMessage response = decoded.Message;
        if (response.ExchangeType != ExchangeType.IkeAuth || !response.IsResponse || response.MessageId != 1)
        {
            return Finish(StepResult.Fail("IKE_AUTH: unexpected message"));
        }

        var id = response.Find(PayloadType.IdentificationResponder) as IdPayload;
        var auth = response.Find<AuthPayload>();
        if (id is null || auth is null)
        {
            // AUTHENTICATION_FAILED and the like: the responder did not create the IKE SA (§2.21.2)
            string reason = response.Notifies.FirstOrDefault(n => n.IsError)?.NotifyType.ToString() ?? "no IDr/AUTH";
            return Finish(StepResult.Fail($"IKE_AUTH: {reason}"));
        }

        byte[] signed = KeyMaterialV2.ComputeSignedOctets(_prf, _initResponse.Span, _nonceInitiator, _keys!.SkPr, id.EncodedBody.Span);
        if (auth.Method != AuthMethod.SharedKeyMessageIntegrityCode || !KeyMaterialV2.VerifyPskAuth(_prf, _context.Psk, signed, auth.Data.Span))
        {
            _failureAfterDelete = "IKE_AUTH: the responder's AUTH does not verify";
        }
        else if (_context.WithChild && (response.Find<SaPayload>() is null || response.Notifies.Any(n => n.IsError)))
        {
            // §1.2: the IKE SA is up even though the CHILD SA was refused; it still has to be deleted
            _failureAfterDelete = $"IKE_AUTH: CHILD SA refused ({response.Notifies.FirstOrDefault(n => n.IsError)?.NotifyType.ToString() ?? "no SAr2"})";
        }
        else
        {
            EstablishedAt = now;
        }

        Stage = HandshakeStage.AwaitingDeleteResponse;
        var delete = new IkeMessage(InitiatorSpi, _responderSpi, ExchangeType.Informational, IkeHeaderFlags.Initiator, 2, [], [DeletePayload.ForIkeSa()]);
        return StepResult.Next(IkeMessageCodec.Encode(delete, _outbound), established: _failureAfterDelete is null);
    }

    private StepResult OnDeleteResponse(ReadOnlySpan<byte> bytes)
    {
        DecodeResult decoded = IkeMessageCodec.Decode(bytes, _inbound);
        if (!decoded.IsOk || decoded.Message.ExchangeType != ExchangeType.Informational || !decoded.Message.IsResponse || decoded.Message.MessageId != 2)
        {
            return Finish(StepResult.Fail($"INFORMATIONAL: unexpected Delete response ({decoded})"));
        }

        return Finish(_failureAfterDelete is null ? StepResult.Done() : StepResult.Fail(_failureAfterDelete));
    }

    private StepResult Finish(StepResult result)
    {
        Stage = HandshakeStage.Finished;
        return result;
    }
}
