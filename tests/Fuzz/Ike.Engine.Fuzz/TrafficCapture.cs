using System.Net;
using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Sa;
using Ike.Engine.Transport;

namespace Ike.Engine.Fuzz;

/// <summary>
/// Seeds from a real exchange between two engines, stepped one datagram at a time: IKE_SA_INIT with an INVALID_KE
/// retry, IKE_AUTH, probes both ways (ESP), CHILD SA rekey with PFS, IKE SA rekey, a liveness check, a CHILD SA delete,
/// and the IKE SA delete. Each IKE datagram is kept as sent (for byte-level mutation) and, decrypted with the keys of its
/// receiver at that moment, as a message (for payload-level mutation re-encrypted under live keys later).
/// </summary>
internal sealed class TrafficCapture
{
    public List<byte[]> IkeDatagrams { get; } = [];

    public List<byte[]> EspDatagrams { get; } = [];

    public List<IkeMessage> Messages { get; } = [];

    public static async Task<TrafficCapture> RecordAsync()
    {
        var capture = new TrafficCapture();
        var log = new FailureLog();
        await using var lab = new FuzzLab(log);
        lab.Network.Hold = true;
        lab.B.LoadConnection(FuzzLab.Config(fromB: true) with { StartAction = StartAction.None });
        lab.A.LoadConnection(FuzzLab.Config(fromB: false) with { StartAction = StartAction.None, Ike = new IkeProposalConfig("aes", "sha256", "group2,group14") });
        Task<NegotiationResult> up = lab.A.InitiateAsync(FuzzLab.Tunnel);
        await capture.PumpAsync(lab);
        if (!(await up).Established)
        {
            throw new InvalidOperationException("the capture exchange did not establish");
        }

        Task<ProbeResult> probe = lab.A.ProbeAsync(FuzzLab.Tunnel, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(5));
        await capture.PumpAsync(lab);
        await probe;
        probe = lab.B.ProbeAsync(FuzzLab.Tunnel, IPAddress.Parse("10.2.0.1"), IPAddress.Parse("10.1.0.1"), TimeSpan.FromSeconds(5));
        await capture.PumpAsync(lab);
        await probe;

        // child rekey at 85-90 % of 5 min, DPD on the way, IKE rekey at 85-90 % of 10 min
        for (int i = 0; i < 24; i++)
        {
            lab.Time.Advance(TimeSpan.FromSeconds(25));
            await capture.PumpAsync(lab);
        }

        Task terminate = lab.A.TerminateAsync(FuzzLab.Tunnel);
        await capture.PumpAsync(lab);
        await terminate;
        if (log.Count > 0)
        {
            throw new InvalidOperationException("the capture exchange itself failed", log.Drain()[0]);
        }

        return capture;
    }

    /// <summary>Delivers every pending datagram, recording and decoding each first.</summary>
    private async Task PumpAsync(FuzzLab lab)
    {
        for (int guard = 0; guard < 200; guard++)
        {
            await lab.SettleAsync();
            IReadOnlyList<Datagram> pending = lab.Network.Pending;
            if (pending.Count == 0)
            {
                return;
            }

            await RecordAsync(lab, pending[0]);
            await lab.Network.DeliverNextAsync();
        }
    }

    private async Task RecordAsync(FuzzLab lab, Datagram datagram)
    {
        DatagramKind kind = IkeFraming.Classify(datagram.Local, datagram.Remote, datagram.Payload, out ReadOnlyMemory<byte> content);
        if (kind == DatagramKind.Esp)
        {
            EspDatagrams.Add(content.ToArray());
            return;
        }

        if (kind != DatagramKind.Ike || !IkeHeader.TryRead(content.Span, out IkeHeader header))
        {
            return;
        }

        byte[] ike = content.ToArray();
        IkeDatagrams.Add(ike);
        IkeEngine receiver = datagram.Remote.Address.Equals(FuzzLab.AddressA) ? lab.A : lab.B;
        DecodeResult decoded = await receiver.InspectAsync(core =>
        {
            IkeSa? sa = core.Sas.FirstOrDefault(s => s.InitiatorSpi == header.InitiatorSpi && s.HasKeys);
            return IkeMessageCodec.Decode(ike, header.ExchangeType == ExchangeType.IkeSaInit ? null : sa?.InboundFor(header));
        });
        if (decoded.Message is { } message)
        {
            Messages.Add(message);
        }
    }
}
