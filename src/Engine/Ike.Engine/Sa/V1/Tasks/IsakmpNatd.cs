using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Sm;

namespace Ike.Engine.Sa.V1.Tasks;

/// <summary>
/// NAT discovery in phase 1 (RFC 3947 §3.2, strongSwan's isakmp_natd): main mode messages 3 and 4, aggressive mode 2
/// and 3 carry NAT-D payloads, each HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash. "The first NAT-D payload
/// contains the remote end's IP address and port"; the others the sender's own. A first hash that does not match our
/// address means we are behind a NAT, no other hash matching the peer's source means it is. Either way the initiator
/// moves to the NAT-T port (§4) and ESP goes in UDP (RFC 3948). With forced UDP encapsulation we fake our own hash,
/// as strongSwan does. Nothing is sent unless both ends announced NAT-T (<see cref="IsakmpVendor"/>).
/// </summary>
internal sealed class IsakmpNatd : IIsakmpTask
{
    private readonly IsakmpSa _sa;
    private readonly bool _initiator;

    private IsakmpNatd(IsakmpSa sa, bool initiator)
    {
        _sa = sa;
        _initiator = initiator;
    }

    public IsakmpTaskType Type => IsakmpTaskType.NatDetection;

    public NegotiationDiagnostic? Failure => null;

    public IsakmpNotifyType? ErrorToSend => null;

    public static IsakmpNatd ForInitiator(IsakmpSa sa) => new(sa, initiator: true);

    public static IsakmpNatd ForResponder(IsakmpSa sa) => new(sa, initiator: false);

    /// <summary>HASH(CKY-I | CKY-R | IP | Port) (RFC 3947 §3.2), the plain negotiated hash.</summary>
    public static byte[] Hash(AuthAlgorithm hash, ulong initiatorCookie, ulong responderCookie, IPEndPoint endpoint)
    {
        byte[] address = endpoint.Address.GetAddressBytes();
        var data = new byte[16 + address.Length + 2];
        BinaryPrimitives.WriteUInt64BigEndian(data, initiatorCookie);
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(8), responderCookie);
        address.CopyTo(data, 16);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(16 + address.Length), (ushort)endpoint.Port);
        return hash.Hash == Sm3Hash.Name ? Sm3Hash.HashData(data) : CryptographicOperations.HashData(hash.Hash, data);
    }

    public TaskStatus Build(IsakmpMessageBuilder message)
    {
        if (!Carries(message.Exchange, message.Number) || _sa.NatTraversal == NatTraversalDialect.None || _sa.Suite is not { } suite)
        {
            return TaskStatus.NeedMore;
        }

        IsakmpPayloadType type = _sa.NatTraversal.NatDiscoveryType();
        byte[] ours = Hash(suite.Prf, _sa.InitiatorCookie, _sa.ResponderCookie, _sa.Local);
        if (_sa.Host.Services.ForceUdpEncapsulation)
        {
            // a hash of our address nobody can match: the peer sees us "behind a NAT" and both ends encapsulate
            _sa.Host.Services.Random.Fill(ours);
        }

        message.Add(new NatDiscoveryPayload(type, Hash(suite.Prf, _sa.InitiatorCookie, _sa.ResponderCookie, _sa.Remote)));
        message.Add(new NatDiscoveryPayload(type, ours));
        return TaskStatus.NeedMore;
    }

    public TaskStatus Process(IsakmpMessage message, int number)
    {
        if (!Carries(message.ExchangeType, number) || _sa.NatTraversal == NatTraversalDialect.None || _sa.Suite is not { } suite)
        {
            return TaskStatus.NeedMore;
        }

        var hashes = message.FindAll<NatDiscoveryPayload>().ToList();
        if (hashes.Count < 2)
        {
            return TaskStatus.NeedMore;
        }

        byte[] us = Hash(suite.Prf, _sa.InitiatorCookie, _sa.ResponderCookie, _sa.Local);
        byte[] peer = Hash(suite.Prf, _sa.InitiatorCookie, _sa.ResponderCookie, _sa.Remote);
        _sa.LocalBehindNat = !CryptographicOperations.FixedTimeEquals(hashes[0].Hash.Span, us) || _sa.Host.Services.ForceUdpEncapsulation;
        _sa.RemoteBehindNat = !hashes.Skip(1).Any(h => CryptographicOperations.FixedTimeEquals(h.Hash.Span, peer));
        if (_initiator && _sa.NatDetected)
        {
            _sa.Host.FloatToNatTraversal(_sa);
        }

        return TaskStatus.NeedMore;
    }

    /// <summary>Main mode 3-4, aggressive mode 2-3 (RFC 3947 §3.2).</summary>
    private static bool Carries(IsakmpExchangeType exchange, int number) => exchange == IsakmpExchangeType.Aggressive
        ? number is 2 or 3
        : number is 3 or 4;
}
