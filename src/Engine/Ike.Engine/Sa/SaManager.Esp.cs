using System.Diagnostics;
using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Kernel;
using Ipsec.Esp.Packets;
using Ipsec.Esp.Sa;

namespace Ike.Engine.Sa;

/// <summary>The userspace ESP path of the gateway's own traffic: health probes out, their replies in, and echo replies
/// for probes the other side sends us.</summary>
internal sealed partial class SaManager
{
    public void Probe(string name, IPAddress source, IPAddress destination, TimeSpan timeout, Action<ProbeResult> done)
    {
        IkeSa? sa = Sas.FirstOrDefault(s => s.Connection.Name == name && s.State is IkeSaState.Established or IkeSaState.Rekeying
            && s.Children.Any(c => Covers(c, source, destination)));
        ChildSa? child = sa?.Children.Where(c => c.State is ChildSaState.Installed or ChildSaState.Rekeying).FirstOrDefault(c => Covers(c, source, destination))
            ?? Ikev1ChildCovering(name, source, destination);
        if (child is null)
        {
            // StartAction.OnTraffic: the first outbound packet for the tunnel starts the negotiation, and, as on any
            // gateway doing on-demand negotiation, that packet itself is not carried (the next one is).
            // IKEv1 connections live in the IKEv1 manager; the trigger is the same (RFC 2409 has no rule of its own).
            LoadedConnection? onDemand = _connections.GetValueOrDefault(name) ?? _ikev1?.ConnectionNamed(name);
            bool negotiating = Sas.Any(s => s.Connection.Name == name) || (_ikev1?.Sas.Any(s => s.Connection.Name == name) ?? false);
            if (onDemand?.Config.StartAction == StartAction.OnTraffic && !negotiating)
            {
                _raise(new EngineEvent(name, EngineEventType.TrafficTriggered, $"outbound packet {source} -> {destination} started the negotiation", Services.Now));
                Initiate(name, _ => { });
                done(new ProbeResult(false, null, $"no CHILD SA of '{name}' yet: this packet started the negotiation (on-traffic start)"));
                return;
            }

            done(new ProbeResult(false, null, $"no installed CHILD SA of '{name}' covers {source} -> {destination}"));
            return;
        }

        if (!child.UdpEncapsulated)
        {
            done(new ProbeResult(false, null, "the CHILD SA uses plain ESP; the userspace data path sends ESP in UDP only (enable NAT traversal)"));
            return;
        }

        Span<byte> id = stackalloc byte[2];
        Services.Random.Fill(id);
        ushort identifier = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(id);
        ushort sequence = ++_probeSequence;
        byte[] request = IcmpEchoProbe.BuildRequest(source, destination, identifier, sequence, "ipsec-functions-probe"u8.ToArray(), sequence);
        OutboundEsp? esp = Services.Kernel.Encapsulate(child.InboundSpi, request);
        if (esp is null)
        {
            done(new ProbeResult(false, null, "the CHILD SA could not protect the probe (sequence numbers exhausted?)"));
            return;
        }

        var probe = new PendingProbe(source, destination, identifier, sequence, Services.Time.GetTimestamp(), done);
        probe.Timer = Schedule(timeout, () =>
        {
            if (_probes.Remove(probe))
            {
                done(new ProbeResult(false, null, $"no echo reply from {destination} within {timeout.TotalSeconds:0.###} s"));
            }
        });
        _probes.Add(probe);
        _send(new Datagram(esp.Local, esp.Remote, esp.Packet));
    }

    private void OnEsp(Datagram datagram, ReadOnlyMemory<byte> packet)
    {
        InboundEsp result = Services.Kernel.Decapsulate(packet.Span);
        if (result.Status != EspUnprotectStatus.Success)
        {
            Drop(datagram, $"ESP {result.Spi:x8}: {result.Status}");
            return;
        }

        IkeSa? sa = Sas.FirstOrDefault(s => s.Children.Any(c => c.InboundSpi == result.Spi));
        ChildSa? child = sa?.Children.First(c => c.InboundSpi == result.Spi) ?? OnIkev1Esp(result.Spi);
        if (child is null)
        {
            return;
        }

        // authentic ESP from the peer is as good as an IKE message for liveness (§2.4)
        if (sa is not null)
        {
            sa.LastInbound = Services.Now;
        }

        byte[] inner = result.Payload!;
        foreach (PendingProbe probe in _probes)
        {
            if (IcmpEchoProbe.IsMatchingReply(inner, probe.Source, probe.Destination, probe.Identifier, probe.Sequence))
            {
                _probes.Remove(probe);
                probe.Timer?.Dispose();
                probe.Done(new ProbeResult(true, Services.Time.GetElapsedTime(probe.StartedAt), $"echo reply from {probe.Destination}"));
                return;
            }
        }

        AnswerEchoRequest(child, inner);
    }

    /// <summary>The gateway answers pings sent through the tunnel to its own addresses in the local selectors, so the
    /// other side's health check works as well.</summary>
    private void AnswerEchoRequest(ChildSa child, byte[] inner)
    {
        if (Ipv4Packet.TryParse(inner, out Ipv4Packet? packet) != Ipv4ParseStatus.Success || packet!.Protocol != IpProtocol.Icmp
            || !TrafficSelectors.Contains(child.LocalTs, packet.Destination) || !TrafficSelectors.Contains(child.RemoteTs, packet.Source)
            || IcmpEcho.TryParse(packet.Payload.Span, out IcmpEcho? echo) != IcmpParseStatus.Success || echo!.Type != IcmpEchoType.EchoRequest)
        {
            return;
        }

        byte[] reply = new Ipv4Packet(packet.Destination, packet.Source, IpProtocol.Icmp,
            new IcmpEcho(IcmpEchoType.EchoReply, echo.Identifier, echo.SequenceNumber, echo.Data).ToBytes()).ToBytes();
        if (Services.Kernel.Encapsulate(child.InboundSpi, reply) is { } esp)
        {
            _send(new Datagram(esp.Local, esp.Remote, esp.Packet));
        }
    }

    private static bool Covers(ChildSa child, IPAddress source, IPAddress destination) =>
        TrafficSelectors.Contains(child.LocalTs, source) && TrafficSelectors.Contains(child.RemoteTs, destination);

    private sealed class PendingProbe(IPAddress source, IPAddress destination, ushort identifier, ushort sequence, long startedAt, Action<ProbeResult> done)
    {
        public IPAddress Source { get; } = source;

        public IPAddress Destination { get; } = destination;

        public ushort Identifier { get; } = identifier;

        public ushort Sequence { get; } = sequence;

        public long StartedAt { get; } = startedAt;

        public Action<ProbeResult> Done { get; } = done;

        public ITimer? Timer { get; set; }
    }
}
