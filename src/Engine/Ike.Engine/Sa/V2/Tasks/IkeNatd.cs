using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;

namespace Ike.Engine.Sa.V2.Tasks;

/// <summary>
/// NAT detection in IKE_SA_INIT (RFC 7296 §2.23): N(NAT_DETECTION_SOURCE_IP) and N(NAT_DETECTION_DESTINATION_IP), each
/// SHA-1(SPIi | SPIr | IP | Port) of the sender's view of the addresses. A source hash that does not match the
/// datagram's source means the peer is behind a NAT; a destination hash that does not match our address means we are.
/// Either way both sides move to the NAT-T port and ESP goes in UDP (RFC 3948). Disabled NAT-T sends nothing, so no
/// encapsulation is offered.
/// </summary>
internal sealed class IkeNatd : IIkeTask
{
    private readonly IkeSa _sa;
    private readonly bool _initiator;
    private bool _peerSentNatd;

    private IkeNatd(IkeSa sa, bool initiator)
    {
        _sa = sa;
        _initiator = initiator;
    }

    public IkeTaskType Type => IkeTaskType.IkeNatd;

    public NegotiationDiagnostic? Failure => null;

    private bool Enabled => _sa.Connection.Config.NatTraversal;

    public static IkeNatd ForInitiator(IkeSa sa) => new(sa, initiator: true);

    public static IkeNatd ForResponder(IkeSa sa) => new(sa, initiator: false);

    /// <summary>SHA-1(SPIi | SPIr | IP | Port), §2.23; the SPIs as in the header of the message that carries it.</summary>
    public static byte[] Hash(ulong initiatorSpi, ulong responderSpi, IPEndPoint endpoint)
    {
        byte[] address = endpoint.Address.GetAddressBytes();
        var data = new byte[16 + address.Length + 2];
        BinaryPrimitives.WriteUInt64BigEndian(data, initiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(8), responderSpi);
        address.CopyTo(data, 16);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(16 + address.Length), (ushort)endpoint.Port);
        return SHA1.HashData(data);
    }

    public TaskStatus Build(MessageBuilder message)
    {
        // §2.23: the responder answers with NAT-D only when the request had them
        if (!Enabled || (!_initiator && !_peerSentNatd))
        {
            return _initiator ? TaskStatus.NeedMore : TaskStatus.Done;
        }

        ulong responderSpi = _initiator ? 0 : _sa.ResponderSpi;
        byte[] source = Hash(_sa.InitiatorSpi, responderSpi, _sa.Local);
        if (_sa.Host.Services.ForceUdpEncapsulation)
        {
            // a source hash nobody can match: the peer sees us "behind a NAT" and both sides use UDP encapsulation
            _sa.Host.Services.Random.Fill(source);
        }

        message.Add(NotifyPayload.Create(NotifyType.NatDetectionSourceIp, source));
        message.Add(NotifyPayload.Create(NotifyType.NatDetectionDestinationIp, Hash(_sa.InitiatorSpi, responderSpi, _sa.Remote)));
        return _initiator ? TaskStatus.NeedMore : TaskStatus.Done;
    }

    public TaskStatus Process(IkeMessage message)
    {
        if (message.Notifies.Any(n => n.IsError) || message.FindNotify(NotifyType.Cookie) is not null)
        {
            // a refused or cookie-asking answer carries no NAT-D; IkeInit decides what happens next
            return TaskStatus.Done;
        }

        var sources = message.Notifies.Where(n => n.NotifyType == NotifyType.NatDetectionSourceIp).ToList();
        NotifyPayload? destination = message.FindNotify(NotifyType.NatDetectionDestinationIp);
        _peerSentNatd = sources.Count > 0 && destination is not null;
        if (!Enabled || !_peerSentNatd)
        {
            return TaskStatus.Done;
        }

        _sa.PeerSupportsNatTraversal = true;
        // the hashes in a message use the SPIs of that message's header (§2.23)
        ulong responderSpi = message.ResponderSpi;
        byte[] expectedSource = Hash(message.InitiatorSpi, responderSpi, _sa.Remote);
        byte[] expectedDestination = Hash(message.InitiatorSpi, responderSpi, _sa.Local);
        // §2.23: several source hashes may come (one per address of a multihomed sender); any match means no NAT
        _sa.RemoteBehindNat = !sources.Any(s => CryptographicOperations.FixedTimeEquals(s.Data.Span, expectedSource));
        _sa.LocalBehindNat = !CryptographicOperations.FixedTimeEquals(destination!.Data.Span, expectedDestination)
            || _sa.Host.Services.ForceUdpEncapsulation;
        if (_initiator && _sa.NatDetected)
        {
            _sa.Host.FloatToNatTraversal(_sa);
        }

        return TaskStatus.Done;
    }
}
