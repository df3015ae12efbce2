using System.Buffers.Binary;
using System.Net;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V1.Tasks;
using Ike.Engine.Transport;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;

namespace Ike.Engine.Sa.V1;

/// <summary>
/// The IKEv1 half of the engine core: the IKEv1 connections, the ISAKMP SA tables (by our cookie: the initiator cookie
/// of SAs we started, the responder cookie of the others, and half-open ones by the peer's cookie and address for
/// retransmitted first messages), the demultiplexing of ISAKMP datagrams, and the commands. <see cref="SaManager"/>
/// hands it every datagram of major version 1 and every command for an IKEv1 connection; the ESP data path, the
/// transport and the clock are shared. Single-threaded like the rest of the core: only the engine loop calls it.
/// </summary>
internal sealed partial class Ikev1Manager : IIsakmpHost, IDisposable
{
    /// <summary>IKEv1 has no cookie exchange to shed load (RFC 2408's anti-clogging cookies are just SPIs), so the
    /// number of half-open responder SAs is bounded instead; new first messages beyond it are dropped.</summary>
    private const int MaxHalfOpen = 100;

    private readonly Dictionary<string, LoadedConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, IsakmpSa> _initiated = [];
    private readonly Dictionary<ulong, IsakmpSa> _responded = [];
    private readonly Dictionary<(ulong Cookie, IPEndPoint Remote), IsakmpSa> _halfOpen = [];
    private readonly Action<Datagram> _send;
    private readonly Action<Action> _post;
    private readonly Action<EngineEvent> _raise;
    private readonly Func<IPEndPoint, IPEndPoint> _natTraversalEndpointFor;
    private readonly KeepUp _keepUp;

    public Ikev1Manager(EngineServices services, Action<Datagram> send, Action<Action> post, Action<EngineEvent> raise,
        Func<IPEndPoint, IPEndPoint> natTraversalEndpointFor)
    {
        Services = services;
        _send = send;
        _post = post;
        _raise = raise;
        _natTraversalEndpointFor = natTraversalEndpointFor;
        _keepUp = new KeepUp(services, Schedule, _connections,
            name => Sas.Any(sa => sa.Connection.Name == name && sa.State is not (IkeSaState.Deleting or IkeSaState.Rekeyed)),
            Initiate);
    }

    public EngineServices Services { get; }

    public IReadOnlyCollection<string> Connections => _connections.Keys;

    /// <summary>Live ISAKMP SAs.</summary>
    public IEnumerable<IsakmpSa> Sas => _initiated.Values.Concat(_responded.Values).Where(sa => sa.State != IkeSaState.Destroyed);

    public bool HasConnection(string name) => _connections.ContainsKey(name);

    public LoadedConnection? ConnectionNamed(string name) => _connections.GetValueOrDefault(name);

    public void LoadConnection(LoadedConnection connection)
    {
        _connections[connection.Name] = connection;
        foreach (IsakmpSa sa in Sas.Where(sa => sa.Connection.Name == connection.Name))
        {
            // running SAs keep what they negotiated and pick up the new settings (PSK, timers) from now on
            sa.Connection = connection;
        }

        if (connection.Config.StartAction == StartAction.Immediately)
        {
            _keepUp.Start(connection);
        }
    }

    /// <summary>The name now belongs to an IKEv2 connection: its IKEv1 SAs end (with Deletes) and it is gone here.</summary>
    public void Forget(string name)
    {
        if (_connections.ContainsKey(name))
        {
            Terminate(name, () => _connections.Remove(name));
        }
    }

    public void Unload(string name, Action<bool> done)
    {
        if (!_connections.ContainsKey(name))
        {
            done(false);
            return;
        }

        Terminate(name, () =>
        {
            _connections.Remove(name);
            _keepUp.Forget(name);
            done(true);
        });
    }

    /// <summary>Brings the connection up: phase 1 if there is no ISAKMP SA, then quick mode; <paramref name="done"/>
    /// hears when the IPsec SA is installed or why not.</summary>
    public void Initiate(string name, Action<NegotiationResult> done)
    {
        if (!_connections.TryGetValue(name, out LoadedConnection? connection))
        {
            done(new NegotiationResult(false, Diag.LocalFailure(Diag.MainMode, "UNKNOWN_CONNECTION", $"no connection named '{name}' is loaded")));
            return;
        }

        List<IsakmpSa> mine = [.. Sas.Where(sa => sa.Connection.Name == name && sa.State is IkeSaState.Created or IkeSaState.Connecting
            or IkeSaState.Established or IkeSaState.Rekeying)];
        if (mine.Any(sa => sa.Children.Any(c => c.State is ChildSaState.Installed or ChildSaState.Rekeying)))
        {
            done(NegotiationResult.Success);
            return;
        }

        if (mine.FirstOrDefault(sa => sa.IsEstablished) is { } established)
        {
            established.EstablishmentWaiters.Add(done);
            if (!established.Exchanges.ActiveQuickModes.Any(e => e.WeInitiated))
            {
                established.Exchanges.StartQuickMode([QuickMode.ForInitiator(established)]);
            }

            return;
        }

        if (mine.FirstOrDefault() is { } connecting)
        {
            connecting.EstablishmentWaiters.Add(done);
            return;
        }

        IsakmpSa created = StartPhase1(connection, replaces: null);
        created.EstablishmentWaiters.Add(done);
    }

    /// <summary>Deletes every ISAKMP SA of the connection and the IPsec SAs under it, telling the peer (RFC 2409 §5.7:
    /// one Delete per protocol, no answer expected).</summary>
    public void Terminate(string name, Action done)
    {
        foreach (IsakmpSa sa in Sas.Where(sa => sa.Connection.Name == name).ToList())
        {
            if (!sa.IsEstablished && sa.State != IkeSaState.Rekeyed)
            {
                Destroy(sa, Diag.LocalFailure(sa.IsAggressive ? Diag.AggressiveMode : Diag.MainMode, "TERMINATED", "terminated before it was established"),
                    EngineEventType.NegotiationFailed);
                continue;
            }

            SendDeletes(sa, sa.Children, deleteIsakmpSa: true);
            Destroy(sa, null, EngineEventType.IkeSaDeleted);
        }

        done();
    }

    /// <summary>An IPsec SA of ours by its inbound SPI, with the ISAKMP SA that owns it.</summary>
    public (IsakmpSa Owner, ChildSa Child)? FindChild(uint inboundSpi)
    {
        foreach (IsakmpSa sa in Sas)
        {
            if (sa.Children.FirstOrDefault(c => c.InboundSpi == inboundSpi) is { } child)
            {
                return (sa, child);
            }
        }

        return null;
    }

    /// <summary>Handles one ISAKMP datagram (major version 1, without the non-ESP marker).</summary>
    public void OnDatagram(Datagram datagram, ReadOnlyMemory<byte> bytes)
    {
        if (!IsakmpHeader.TryRead(bytes.Span, out IsakmpHeader header))
        {
            Drop(datagram, "shorter than an ISAKMP header");
            return;
        }

        if (_initiated.TryGetValue(header.InitiatorCookie, out IsakmpSa? ours) && ours.State != IkeSaState.Destroyed
            && (ours.ResponderCookie == header.ResponderCookie
                || (ours.ResponderCookie == 0 && (header.MessageId == 0 || header.ExchangeType == IsakmpExchangeType.Informational))))
        {
            Dispatch(ours, header, bytes, datagram);
            return;
        }

        if (header.ResponderCookie != 0 && _responded.TryGetValue(header.ResponderCookie, out IsakmpSa? theirs)
            && theirs.State != IkeSaState.Destroyed && theirs.InitiatorCookie == header.InitiatorCookie)
        {
            Dispatch(theirs, header, bytes, datagram);
            return;
        }

        if (header.ResponderCookie == 0 && header.MessageId == 0
            && header.ExchangeType is IsakmpExchangeType.IdentityProtection or IsakmpExchangeType.Aggressive)
        {
            OnPhase1Request(datagram, bytes, header);
            return;
        }

        Drop(datagram, $"no ISAKMP SA with cookies {header.InitiatorCookie:x16}_i {header.ResponderCookie:x16}_r");
    }

    public void Dispose()
    {
        _keepUp.Dispose();
        foreach (IsakmpSa sa in _initiated.Values.Concat(_responded.Values).ToList())
        {
            sa.Dispose();
        }

        _initiated.Clear();
        _responded.Clear();
        _halfOpen.Clear();
    }

    private void Dispatch(IsakmpSa sa, IsakmpHeader header, ReadOnlyMemory<byte> bytes, Datagram datagram)
    {
        bool learnsResponderCookie = sa.IsInitiator && sa.ResponderCookie == 0 && header.ResponderCookie != 0;
        if (learnsResponderCookie)
        {
            // the responder's first message (or its error notify) names its cookie; keep it only if that message is accepted
            sa.ResponderCookie = header.ResponderCookie;
        }

        sa.Exchanges.OnMessage(header, bytes, datagram.Local, datagram.Remote);
        if (learnsResponderCookie && sa.State != IkeSaState.Destroyed && sa.Exchanges.Phase1 is { LastNumber: < 2 })
        {
            sa.ResponderCookie = 0;
        }
    }

    /// <summary>A first main or aggressive mode message: a new responder SA for the first connection on these endpoints
    /// in that mode (the mode task picks the final one), or the answer again when it is a retransmission.</summary>
    private void OnPhase1Request(Datagram datagram, ReadOnlyMemory<byte> bytes, IsakmpHeader header)
    {
        if (_halfOpen.TryGetValue((header.InitiatorCookie, datagram.Remote), out IsakmpSa? known))
        {
            known.Exchanges.OnMessage(header, bytes, datagram.Local, datagram.Remote);
            return;
        }

        IkeProtocol mode = header.ExchangeType == IsakmpExchangeType.Aggressive ? IkeProtocol.Ikev1Aggressive : IkeProtocol.Ikev1Main;
        // GM/T 0022 announces itself by the header version (ISAKMP 1.1): only its certificate connections answer it
        bool gmT0022 = header.MinorVersion == GmT0022.GmT0022Profile.MinorVersion && mode == IkeProtocol.Ikev1Main;
        LoadedConnection? first = _connections.Values.FirstOrDefault(c => c.Config.Protocol == mode && (c.Certificates is not null) == gmT0022
            && c.Matches(datagram.Local.Address, datagram.Remote.Address));
        if (first is null)
        {
            Drop(datagram, $"no {Diag.ExchangeName(header.ExchangeType)} connection for these addresses");
            return;
        }

        if (_halfOpen.Count >= MaxHalfOpen)
        {
            Drop(datagram, $"{_halfOpen.Count} half-open ISAKMP SAs");
            return;
        }

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(bytes.Span, null, default, 1, GmT0022.GmT0022Profile.MinorVersionFor(gmT0022));
        if (!result.IsOk)
        {
            // unauthenticated garbage: answering would only help an attacker
            Drop(datagram, result.ToString());
            return;
        }

        var sa = new IsakmpSa(this, first, isInitiator: false, header.InitiatorCookie, AllocateCookie(), datagram.Local, datagram.Remote)
        {
            IsGmT0022 = gmT0022,
            CreatedAt = Services.Now,
            LastInbound = Services.Now,
        };
        _responded[sa.ResponderCookie] = sa;
        _halfOpen[(sa.InitiatorCookie, datagram.Remote)] = sa;
        string exchange = Diag.ExchangeName(header.ExchangeType);
        sa.Timers.Add(Schedule(Services.Timing.HalfOpenTimeout, () =>
        {
            if (sa.State is IkeSaState.Created or IkeSaState.Connecting)
            {
                Destroy(sa, Diag.Timeout(exchange, sa.Remote.ToString(), 0, "the initiator did not complete phase 1"), EngineEventType.NegotiationFailed);
            }
        }));
        IIsakmpTask modeTask = mode == IkeProtocol.Ikev1Aggressive ? AggressiveMode.ForResponder(sa)
            : gmT0022 ? GmT0022.DigitalEnvelopeMainMode.ForResponder(sa) : MainMode.ForResponder(sa);
        sa.Exchanges.AcceptPhase1(header.ExchangeType, [modeTask, IsakmpVendor.ForResponder(sa), IsakmpNatd.ForResponder(sa)], bytes,
            datagram.Local, datagram.Remote);
    }

    /// <summary>A new ISAKMP SA of ours for <paramref name="connection"/>; <paramref name="replaces"/> is the SA it
    /// rekeys (its IPsec SAs move over once the new one is up).</summary>
    private IsakmpSa StartPhase1(LoadedConnection connection, IsakmpSa? replaces)
    {
        var sa = new IsakmpSa(this, connection, isInitiator: true, AllocateCookie(), 0, connection.Config.LocalEndpoint, connection.Config.RemoteEndpoint)
        {
            IsGmT0022 = connection.Certificates is not null,
            CreatedAt = Services.Now,
            LastInbound = Services.Now,
            Replaces = replaces,
        };
        _initiated[sa.InitiatorCookie] = sa;
        IIsakmpTask modeTask = sa.IsAggressive ? AggressiveMode.ForInitiator(sa)
            : sa.IsGmT0022 ? GmT0022.DigitalEnvelopeMainMode.ForInitiator(sa) : MainMode.ForInitiator(sa);
        sa.Exchanges.StartPhase1([modeTask, IsakmpVendor.ForInitiator(sa), IsakmpNatd.ForInitiator(sa)]);
        return sa;
    }

    /// <summary>One informational with the Deletes for <paramref name="children"/> (by our inbound SPIs, RFC 2408
    /// §3.15) and, when asked, for the ISAKMP SA itself (its cookie pair).</summary>
    private void SendDeletes(IsakmpSa sa, IReadOnlyCollection<ChildSa> children, bool deleteIsakmpSa)
    {
        if (!sa.HasKeys || sa.LastPhase1Block.Length == 0)
        {
            return;
        }

        if (children.Count > 0)
        {
            sa.Exchanges.SendInformational([DeletePayload.ForIpsecSas(Ike.Encoding.IpsecProtocolId.Esp, [.. children.Select(c => c.InboundSpi)])]);
        }

        if (deleteIsakmpSa)
        {
            sa.Exchanges.SendInformational([DeletePayload.ForIsakmpSa(sa.InitiatorCookie, sa.ResponderCookie)]);
        }
    }

    private ulong AllocateCookie()
    {
        Span<byte> bytes = stackalloc byte[8];
        while (true)
        {
            Services.Random.Fill(bytes);
            ulong cookie = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            if (cookie != 0 && !_initiated.ContainsKey(cookie) && !_responded.ContainsKey(cookie))
            {
                return cookie;
            }
        }
    }

    private void Drop(Datagram datagram, string reason) =>
        EngineLog.DatagramDropped(Services.Log, datagram.Remote.ToString(), datagram.Local.ToString(), reason);

    private void Raise(IsakmpSa sa, EngineEventType type, string detail, NegotiationDiagnostic? diagnostic = null) =>
        _raise(new EngineEvent(sa.Connection.Name, type, detail, Services.Now, diagnostic));

    private static string Frame(IsakmpSa sa) => $"{sa.Describe()} {sa.Local} <-> {sa.Remote}";

    private void SendRaw(IsakmpSa sa, byte[] message) =>
        _send(new Datagram(sa.Local, sa.Remote, IkeFraming.Frame(message, sa.Local, sa.Remote)));
}
