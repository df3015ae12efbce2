using System.Net;
using Ike.Encoding;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Sa;

namespace Ike.Engine.Fuzz;

/// <summary>
/// Hostile content that passes the ICV: a captured message's payloads, dropped, duplicated, mixed with other messages'
/// payloads and rewritten field by field (notify types and data, nonce and KE sizes, Delete SPIs, selectors, proposals),
/// then sealed with the keys of a live IKE SA as if its peer sent it, with the Message ID the receiver expects most of
/// the time. This reaches the tasks themselves, past everything a forger could get through.
/// </summary>
internal sealed class PayloadMutator(Random random, IReadOnlyList<IkeMessage> templates)
{
    private static readonly NotifyType[] NotifyTypes = Enum.GetValues<NotifyType>();
    private static readonly int[] InterestingSizes = [0, 1, 2, 4, 8, 15, 16, 17, 31, 32, 64, 128, 255, 256, 257, 300];

    /// <summary>A message to the owner of <paramref name="sa"/> from its peer (built on the engine loop).</summary>
    public IkeMessage Build(IkeSa sa)
    {
        IkeMessage template = templates[random.Next(templates.Count)];
        List<IkePayload> payloads = [.. template.EncryptedPayloads ?? template.Payloads];
        int rounds = random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            Mutate(payloads, sa);
        }

        ExchangeType exchange = random.Next(12) switch
        {
            0 => (ExchangeType)random.Next(256),
            1 or 2 => (ExchangeType)random.Next(35, 38),
            _ => template.ExchangeType == ExchangeType.IkeSaInit ? ExchangeType.CreateChildSa : template.ExchangeType,
        };
        bool response = random.Next(5) == 0 ? !template.IsResponse : template.IsResponse;
        uint messageId = random.Next(8) switch
        {
            0 => (uint)random.Next(),
            1 => sa.Tasks.ExpectedRequestId + (uint)random.Next(1, 3),
            _ => response ? sa.Tasks.Active?.MessageId ?? sa.Tasks.NextRequestId : sa.Tasks.ExpectedRequestId,
        };
        // the peer's role: it is the original initiator exactly when we are not
        IkeHeaderFlags flags = (sa.IsOriginalInitiator ? IkeHeaderFlags.None : IkeHeaderFlags.Initiator) | (response ? IkeHeaderFlags.Response : IkeHeaderFlags.None);
        return new IkeMessage(sa.InitiatorSpi, sa.ResponderSpi, exchange, flags, messageId, [], payloads);
    }

    /// <summary>A forged IKE_SA_INIT answer for an initiator waiting in IKE_SA_INIT (no keys exist yet, so anyone can).</summary>
    public IkeMessage BuildInitResponse(ulong initiatorSpi)
    {
        var inits = templates.Where(m => m.ExchangeType == ExchangeType.IkeSaInit).ToList();
        IkeMessage template = inits.Count > 0 ? inits[random.Next(inits.Count)] : templates[random.Next(templates.Count)];
        List<IkePayload> payloads = [.. template.Payloads];
        int rounds = random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            Mutate(payloads, null);
        }

        ulong responderSpi = random.Next(10) == 0 ? 0 : (ulong)random.NextInt64();
        return new IkeMessage(initiatorSpi, responderSpi, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, random.Next(10) == 0 ? 1u : 0u, payloads);
    }

    private void Mutate(List<IkePayload> payloads, IkeSa? sa)
    {
        int at = payloads.Count == 0 ? 0 : random.Next(payloads.Count);
        switch (random.Next(payloads.Count == 0 ? 1 : 6))
        {
            case 0:
                payloads.Insert(at, Fresh(sa));
                break;
            case 1:
                payloads.RemoveAt(at);
                break;
            case 2:
                payloads.Insert(random.Next(payloads.Count + 1), payloads[at]);
                break;
            case 3:
                IkeMessage other = templates[random.Next(templates.Count)];
                IReadOnlyList<IkePayload> donor = other.EncryptedPayloads ?? other.Payloads;
                if (donor.Count > 0)
                {
                    payloads.Insert(at, donor[random.Next(donor.Count)]);
                }

                break;
            default:
                payloads[at] = Rewrite(payloads[at], sa);
                break;
        }
    }

    private IkePayload Rewrite(IkePayload payload, IkeSa? sa) => payload switch
    {
        SaPayload sa2 => RewriteSa(sa2),
        TrafficSelectorPayload ts => new TrafficSelectorPayload(ts.Type, [.. Enumerable.Range(0, random.Next(4)).Select(_ => Selector())]),
        _ => Fresh(sa),
    };

    private IkePayload Fresh(IkeSa? sa) => random.Next(8) switch
    {
        0 => new NoncePayload(Bytes(Size())),
        1 => new KePayload(random.Next(3) == 0 ? (ushort)random.Next(65536) : (ushort)new[] { 1, 2, 5, 14 }[random.Next(4)], Bytes(random.Next(3) == 0 ? 256 : Size())),
        2 => new DeletePayload(Protocol(), [.. Enumerable.Range(0, random.Next(5)).Select(_ => ChildSpi(sa))]),
        3 => new VendorIdPayload(Bytes(Size())),
        4 => new TrafficSelectorPayload(random.Next(2) == 0 ? PayloadType.TrafficSelectorInitiator : PayloadType.TrafficSelectorResponder,
            [.. Enumerable.Range(0, random.Next(4)).Select(_ => Selector())]),
        5 => NotifyPayload.ForChildSa(NotifyType.RekeySa, IpsecProtocolId.Esp, ChildSpi(sa)),
        _ => new NotifyPayload(Protocol(), Bytes(new[] { 0, 4, 8, random.Next(17) }[random.Next(4)]),
            random.Next(4) == 0 ? (NotifyType)random.Next(65536) : NotifyTypes[random.Next(NotifyTypes.Length)], Bytes(Size())),
    };

    private SaPayload RewriteSa(SaPayload payload)
    {
        List<Proposal> proposals = [.. payload.Proposals];
        if (proposals.Count == 0 || random.Next(4) == 0)
        {
            return new SaPayload([.. proposals.Where(_ => random.Next(2) == 0)]);
        }

        int at = random.Next(proposals.Count);
        Proposal p = proposals[at];
        List<Transform> transforms = [.. p.Transforms];
        if (transforms.Count > 0)
        {
            int t = random.Next(transforms.Count);
            transforms[t] = random.Next(2) == 0 ? transforms[t] with { Id = (ushort)random.Next(40) } : transforms[t] with { Type = (TransformType)random.Next(1, 8) };
        }

        if (random.Next(3) == 0 && transforms.Count > 0)
        {
            transforms.RemoveAt(random.Next(transforms.Count));
        }

        proposals[at] = p with
        {
            Number = random.Next(4) == 0 ? (byte)random.Next(256) : p.Number,
            ProtocolId = random.Next(5) == 0 ? Protocol() : p.ProtocolId,
            Spi = random.Next(4) == 0 ? Bytes(new[] { 0, 4, 8, 3 }[random.Next(4)]) : p.Spi,
            Transforms = transforms,
        };
        return new SaPayload(proposals);
    }

    private TrafficSelector Selector()
    {
        var start = new IPAddress(Bytes(4).ToArray());
        var end = random.Next(2) == 0 ? start : new IPAddress(Bytes(4).ToArray());
        return TrafficSelector.ForRange(start, end, (byte)(random.Next(2) == 0 ? 0 : random.Next(256)), (ushort)random.Next(65536), (ushort)random.Next(65536));
    }

    private uint ChildSpi(IkeSa? sa)
    {
        List<ChildSa> children = sa?.Children ?? [];
        if (children.Count > 0 && random.Next(3) != 0)
        {
            ChildSa child = children[random.Next(children.Count)];
            return random.Next(2) == 0 ? child.OutboundSpi : child.InboundSpi;
        }

        return (uint)random.Next();
    }

    private IpsecProtocolId Protocol() => (IpsecProtocolId)(random.Next(6) == 0 ? random.Next(256) : random.Next(4));

    private int Size() => random.Next(3) == 0 ? random.Next(600) : InterestingSizes[random.Next(InterestingSizes.Length)];

    private ReadOnlyMemory<byte> Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
