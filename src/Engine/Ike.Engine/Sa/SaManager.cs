using System.Net;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Diagnostics;
using Ike.Engine.Kernel;
using Ike.Engine.Sa.V2.Tasks;
using Ike.Engine.Timing;
using Ike.Engine.Transport;
using Ipsec.Crypto.Kdf;
using Ipsec.Esp.Packets;
using Ipsec.Esp.Sa;
using Diag = Ike.Engine.Diagnostics.Diagnostics;

namespace Ike.Engine.Sa;

/// <summary>
/// The engine core: connection table, IKE SA tables (by our SPI, and half-open ones by initiator SPI and address for
/// retransmitted IKE_SA_INITs), the demultiplexing of datagrams into IKE, ESP and keepalives, the timers named after
/// protocol events, and the userspace ESP probes. Single-threaded by contract: <see cref="IkeEngine"/> runs every call
/// on its event loop, so no state here needs a lock.
/// </summary>
internal sealed partial class SaManager : ISaHost, IDisposable
{
    private readonly Dictionary<string, LoadedConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, IkeSa> _sas = [];
    private readonly Dictionary<(ulong Spi, IPEndPoint Remote), IkeSa> _halfOpen = [];
    private readonly IReadOnlyList<IPEndPoint> _localEndpoints;
    private readonly Action<Datagram> _send;
    private readonly Action<Action> _post;
    private readonly Action<EngineEvent> _raise;
    private readonly CookieJar _cookies;
    private readonly UnprotectedResponseLimiter _unprotectedResponses;
    private readonly ITimer _cookieRotation;
    private readonly List<PendingProbe> _probes = [];
    private readonly KeepUp _keepUp;
    private ushort _probeSequence;

    public SaManager(EngineServices services, IReadOnlyList<IPEndPoint> localEndpoints, Action<Datagram> send, Action<Action> post, Action<EngineEvent> raise)
    {
        Services = services;
        _localEndpoints = localEndpoints;
        _send = send;
        _post = post;
        _raise = raise;
        _cookies = new CookieJar(services.Random);
        _unprotectedResponses = new UnprotectedResponseLimiter(services.Time, services.Timing.UnprotectedResponsesPerSecond);
        // §2.6: a new secret every period, the previous one still accepted for one more (CookieJar keeps both)
        TimeSpan period = services.Timing.CookieSecretLifetime;
        _cookieRotation = services.Time.CreateTimer(_ => _post(OnCookieSecretDue), null, period, period);
        _keepUp = new KeepUp(services, Schedule, _connections,
            name => Sas.Any(sa => sa.Connection.Name == name && sa.State is not (IkeSaState.Deleting or IkeSaState.Rekeyed or IkeSaState.Passive)),
            Initiate);
    }

    public EngineServices Services { get; }

    public IReadOnlyList<string> Connections => [.. _connections.Keys, .. _ikev1?.Connections ?? []];

    /// <summary>Live IKE SAs (tests look inside).</summary>
    internal IEnumerable<IkeSa> Sas => _sas.Values.Where(sa => sa.State != IkeSaState.Destroyed);

    internal int HalfOpenCount => _halfOpen.Count;

    public void LoadConnection(ConnectionConfig config)
    {
        if (TryLoadIkev1(config))
        {
            return;
        }

        LoadedConnection connection = LoadedConnection.Load(config);
        _connections[config.Name] = connection;
        foreach (IkeSa sa in Sas.Where(sa => sa.Connection.Name == config.Name))
        {
            // running SAs keep their negotiated state but pick up the new settings (PSK, timers) from now on
            sa.Connection = connection;
        }

        if (config.StartAction == StartAction.Immediately)
        {
            _keepUp.Start(connection);
        }
    }

    public void UnloadConnection(string name, Action<bool> done)
    {
        if (IsIkev1(name))
        {
            Ikev1.Unload(name, done);
            return;
        }

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

    /// <summary>Brings the connection up; <paramref name="done"/> hears when its first CHILD SA is installed or why not.</summary>
    public void Initiate(string name, Action<NegotiationResult> done)
    {
        if (IsIkev1(name))
        {
            Ikev1.Initiate(name, done);
            return;
        }

        if (!_connections.TryGetValue(name, out LoadedConnection? connection))
        {
            done(new NegotiationResult(false, Diag.LocalFailure(ExchangeType.IkeSaInit, "UNKNOWN_CONNECTION", $"no connection named '{name}' is loaded")));
            return;
        }

        IkeSa? existing = Sas.FirstOrDefault(sa => sa.Connection.Name == name && sa.State is IkeSaState.Created or IkeSaState.Connecting or IkeSaState.Established or IkeSaState.Rekeying);
        if (existing is { State: IkeSaState.Established or IkeSaState.Rekeying } && existing.Children.Count > 0)
        {
            done(NegotiationResult.Success);
            return;
        }

        if (existing is { State: IkeSaState.Created or IkeSaState.Connecting })
        {
            existing.EstablishmentWaiters.Add(done);
            return;
        }

        if (existing is not null)
        {
            // IKE SA without a CHILD SA (it was refused or deleted): ask for one over the existing SA
            existing.EstablishmentWaiters.Add(done);
            existing.Tasks.Queue(ExchangeType.CreateChildSa, ChildCreate.ForInitiator(existing, inIkeAuth: false));
            existing.Tasks.Initiate();
            return;
        }

        var sa = new IkeSa(this, connection, isOriginalInitiator: true, AllocateIkeSpi(), 0, connection.Config.LocalEndpoint, connection.Config.RemoteEndpoint)
        {
            CreatedAt = Services.Now,
            LastInbound = Services.Now,
        };
        _sas[sa.InitiatorSpi] = sa;
        sa.EstablishmentWaiters.Add(done);
        sa.Tasks.Queue(ExchangeType.IkeSaInit, IkeInit.ForInitiator(sa), IkeNatd.ForInitiator(sa));
        sa.Tasks.Queue(ExchangeType.IkeAuth, IkeAuth.ForInitiator(sa), ChildCreate.ForInitiator(sa, inIkeAuth: true));
        sa.Tasks.Initiate();
    }

    /// <summary>Deletes every IKE SA of the connection (INFORMATIONAL Delete); <paramref name="done"/> when all are gone.</summary>
    public void Terminate(string name, Action done)
    {
        if (IsIkev1(name))
        {
            Ikev1.Terminate(name, done);
            return;
        }

        List<IkeSa> sas = [.. Sas.Where(sa => sa.Connection.Name == name)];
        if (sas.Count == 0)
        {
            done();
            return;
        }

        int remaining = sas.Count;
        foreach (IkeSa sa in sas)
        {
            sa.DestroyWaiters.Add(() =>
            {
                if (--remaining == 0)
                {
                    done();
                }
            });
            if (sa.State is IkeSaState.Created or IkeSaState.Connecting || !sa.HasKeys)
            {
                Destroy(sa, Diag.LocalFailure(ExchangeType.IkeSaInit, "TERMINATED", "terminated before it was established"), EngineEventType.NegotiationFailed);
                continue;
            }

            DeleteIkeSa(sa);
        }
    }

    public IReadOnlyList<IkeSaSnapshot> ListSas() => [.. Sas.Select(Snapshot), .. Ikev1Snapshots()];

    /// <summary>Handles one received datagram: IKE, ESP, keepalive or garbage (RFC 3948 §2).</summary>
    public void OnDatagram(Datagram datagram)
    {
        switch (IkeFraming.Classify(datagram.Local, datagram.Remote, datagram.Payload, out ReadOnlyMemory<byte> content))
        {
            case DatagramKind.Ike:
                OnIke(datagram, content);
                break;
            case DatagramKind.Esp:
                OnEsp(datagram, content);
                break;
            case DatagramKind.NatKeepalive:
                break;
            default:
                Drop(datagram, "neither IKE nor ESP");
                break;
        }
    }

    public void Dispose()
    {
        foreach (IkeSa sa in _sas.Values.ToList())
        {
            sa.Dispose();
        }

        _sas.Clear();
        _halfOpen.Clear();
        foreach (PendingProbe probe in _probes)
        {
            probe.Timer?.Dispose();
        }

        _cookieRotation.Dispose();
        _ikev1?.Dispose();
        _keepUp.Dispose();

        _cookies.Dispose();
        Services.Kernel.Dispose();
    }

    // ---- ISaHost ----

    public void Send(IkeSa sa, byte[] ikeMessage)
    {
        sa.LastOutbound = Services.Now;
        _send(new Datagram(sa.Local, sa.Remote, IkeFraming.Frame(ikeMessage, sa.Local, sa.Remote)));
    }

    public ulong AllocateIkeSpi()
    {
        Span<byte> bytes = stackalloc byte[8];
        while (true)
        {
            Services.Random.Fill(bytes);
            ulong spi = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
            if (spi != 0 && !_sas.ContainsKey(spi))
            {
                return spi;
            }
        }
    }

    public void FloatToNatTraversal(IkeSa sa)
    {
        // §2.23: the initiator moves to port 4500; with custom ports strongSwan moves its own source to its NAT-T
        // port and keeps the peer's configured port, switching the destination only away from 500
        IPEndPoint local = NatTraversalEndpointFor(sa.Local);
        IPEndPoint remote = sa.Remote.Port == Rfc7296Limits.IkePort ? new IPEndPoint(sa.Remote.Address, Rfc7296Limits.NatTraversalPort) : sa.Remote;
        EngineLog.FloatingToNatT(Services.Log, sa.Describe(), sa.LocalBehindNat, sa.RemoteBehindNat, $"{local} -> {remote}");
        sa.Local = local;
        sa.Remote = remote;
    }

    public void OnIkeSaEstablished(IkeSa sa)
    {
        _halfOpen.Remove((sa.InitiatorSpi, sa.Remote));
        foreach (var stale in _halfOpen.Where(pair => ReferenceEquals(pair.Value, sa)).Select(pair => pair.Key).ToList())
        {
            _halfOpen.Remove(stale);
        }

        sa.EstablishedAt = Services.Now;
        _keepUp.Reset(sa.Connection.Name);
        EngineLog.IkeSaEstablished(Services.Log, sa.Describe(), sa.Local.ToString(), sa.Remote.ToString(), sa.Suite!.ToString(), sa.NatDetected);
        Raise(sa, EngineEventType.IkeSaEstablished, $"{sa.Describe()} {sa.Local} <-> {sa.Remote} {SnapshotAlgorithms(sa.Suite)}");
        StartIkeTimers(sa);
        ScheduleDuplicateCheck(sa);
    }

    public void InstallChild(IkeSa sa, ChildSa child, ChildSaKeys keys, bool weInitiatedExchange, ChildSa? rekeyOf)
    {
        try
        {
            Services.Kernel.AddSa(child.InboundSpi, child.OutboundSpi, child.Suite, keys, weInitiatedExchange, sa.Local, sa.Remote, child.UdpEncapsulated);
        }
        finally
        {
            keys.Dispose();
        }

        sa.Children.Add(child);
        TimeSpan lifetime = sa.Connection.Config.ChildLifetime;
        TimeSpan rekeyAfter = RekeySchedule.RekeyAfter(lifetime, Services.Timing, Services.NextFraction());
        child.RekeyAt = Services.Now + rekeyAfter;
        child.RekeyTimer = Schedule(rekeyAfter, () => OnChildRekeyDue(child));
        child.ExpireTimer = Schedule(lifetime, () => OnChildExpired(child));
        EngineLog.ChildInstalled(Services.Log, sa.Describe(), child.ToString(), child.Suite.ToString(),
            TrafficSelectors.Describe(child.LocalTs), TrafficSelectors.Describe(child.RemoteTs));
        if (rekeyOf is null)
        {
            Raise(sa, EngineEventType.ChildSaEstablished, $"{child} {SnapshotAlgorithms(child.Suite)} {TrafficSelectors.Describe(child.LocalTs)} === {TrafficSelectors.Describe(child.RemoteTs)}");
        }
    }

    public void RemoveChild(IkeSa sa, ChildSa child, string reason) => RemoveChild(sa, child, reason, quiet: sa.State == IkeSaState.Passive);

    /// <param name="quiet">The connection keeps its tunnel (a rekeyed child, or the IKE SA was a duplicate): no
    /// ChildSaDeleted event.</param>
    private void RemoveChild(IkeSa sa, ChildSa child, string reason, bool quiet)
    {
        bool news = child.State != ChildSaState.Rekeyed && !quiet;
        child.StopTimers();
        child.State = ChildSaState.Deleted;
        Services.Kernel.DeleteSa(child.InboundSpi);
        sa.Children.Remove(child);
        EngineLog.ChildRemoved(Services.Log, sa.Describe(), child.ToString(), reason);
        if (news)
        {
            Raise(sa, EngineEventType.ChildSaDeleted, $"{child} {reason}");
        }
    }

    public void AdoptRekeyedIkeSa(IkeSa oldSa, IkeSa newSa)
    {
        newSa.Children.AddRange(oldSa.Children);
        oldSa.Children.Clear();
        oldSa.PeerRekeyedInto = null;
        _sas[newSa.LocalSpi] = newSa;
        foreach (ITimer timer in newSa.Timers)
        {
            // a passive successor's give-up timer: it is in use now
            timer.Dispose();
        }

        newSa.Timers.Clear();
        newSa.State = IkeSaState.Established;
        foreach (ITimer timer in oldSa.Timers)
        {
            timer.Dispose();
        }

        oldSa.Timers.Clear();
        oldSa.State = IkeSaState.Rekeyed;
        oldSa.Tasks.ClearQueue(plan => plan.Type != ExchangeType.Informational || plan.Tasks.Any(t => t.Type == IkeTaskType.ChildDelete));
        EngineLog.IkeSaRekeyed(Services.Log, oldSa.Describe(), newSa.Describe());
        Raise(newSa, EngineEventType.IkeSaRekeyed, $"{oldSa.Describe()} rekeyed into {newSa.Describe()} {SnapshotAlgorithms(newSa.Suite!)}");
        StartIkeTimers(newSa);
        if (newSa.IsOriginalInitiator)
        {
            // §1.3.2: the rekey's initiator deletes the old IKE SA, over the old SA
            DeleteIkeSa(oldSa);
        }
        else
        {
            // the peer deletes it; should that Delete never come, it goes anyway
            oldSa.Timers.Add(Schedule(Services.Timing.DeleteTimeout + Retransmission.GiveUpAfter(Services.Timing), () => Destroy(oldSa, null, EngineEventType.IkeSaDeleted)));
        }
    }

    public void HoldPassiveSuccessor(IkeSa oldSa, IkeSa successor)
    {
        successor.State = IkeSaState.Passive;
        _sas[successor.LocalSpi] = successor;
        oldSa.PeerRekeyedInto = successor;
        // its creator deletes it when it lost; should neither that Delete nor an adoption come, it goes anyway
        successor.Timers.Add(Schedule(Services.Timing.DeleteTimeout + Retransmission.GiveUpAfter(Services.Timing), () =>
        {
            if (successor.State == IkeSaState.Passive && !successor.Tasks.HasTask(t => t.Type == IkeTaskType.IkeDelete))
            {
                Destroy(successor, null, EngineEventType.IkeSaDeleted);
            }
        }));
    }

    public void RetireRedundantIkeSa(IkeSa redundant)
    {
        _sas[redundant.LocalSpi] = redundant;
        Retire(redundant, "redundant IKE SA of a rekey collision: deleting it (§2.8.2)");
    }

    public void Destroy(IkeSa sa, NegotiationDiagnostic? failure, EngineEventType eventType)
    {
        if (sa.State == IkeSaState.Destroyed)
        {
            return;
        }

        // a rekeyed SA lives on in its successor, a passive one never carried traffic or was a retired duplicate, and a
        // duplicate the peer deleted leaves the connection up on the other SA: none of these endings is news
        bool quiet = sa.State is IkeSaState.Rekeyed or IkeSaState.Passive
            || (eventType is EngineEventType.IkeSaDeleted or EngineEventType.PeerDead && ConnectionStaysUpWithout(sa));
        bool wasEstablished = sa.State is IkeSaState.Established or IkeSaState.Rekeying or IkeSaState.Deleting;
        foreach (ChildSa child in sa.Children.ToList())
        {
            RemoveChild(sa, child, "its IKE SA ended", quiet: quiet);
        }

        if (_sas.TryGetValue(sa.LocalSpi, out IkeSa? registered) && ReferenceEquals(registered, sa))
        {
            _sas.Remove(sa.LocalSpi);
        }

        foreach (var key in _halfOpen.Where(pair => ReferenceEquals(pair.Value, sa)).Select(pair => pair.Key).ToList())
        {
            _halfOpen.Remove(key);
        }

        NegotiationDiagnostic? reported = failure ?? sa.Failure;
        EngineLog.IkeSaDestroyed(Services.Log, sa.Describe(), reported?.Message ?? eventType.ToString());
        var result = new NegotiationResult(false, reported ?? Diag.LocalFailure(ExchangeType.IkeSaInit, "DELETED", "the IKE SA was deleted before a CHILD SA was installed"));
        foreach (Action<NegotiationResult> waiter in sa.EstablishmentWaiters)
        {
            waiter(result);
        }

        sa.EstablishmentWaiters.Clear();
        if (!quiet)
        {
            string detail = eventType switch
            {
                EngineEventType.PeerDead => $"{sa.Describe()}: peer {sa.Remote} is dead — {reported?.Message}",
                EngineEventType.NegotiationFailed => reported?.Message ?? "negotiation failed",
                _ => $"{sa.Describe()} deleted",
            };
            if (eventType == EngineEventType.NegotiationFailed || eventType == EngineEventType.PeerDead || wasEstablished)
            {
                Raise(sa, eventType, detail, eventType == EngineEventType.IkeSaDeleted ? null : reported);
            }
        }

        List<Action> destroyWaiters = [.. sa.DestroyWaiters];
        sa.DestroyWaiters.Clear();
        LoadedConnection connection = sa.Connection;
        sa.Dispose();
        foreach (Action waiter in destroyWaiters)
        {
            waiter();
        }

        // PRODUCT.md §5: a dead peer of a connection that negotiates immediately is tried again, with backoff (not when
        // only a stale duplicate died and the connection is up on another SA)
        if (eventType == EngineEventType.PeerDead && !quiet)
        {
            _keepUp.AfterFailure(connection);
        }
        else if (eventType == EngineEventType.IkeSaDeleted && sa.DeletedByPeer && wasEstablished && !quiet)
        {
            // the customer's side closed the tunnel (a reset on their device): a connection that negotiates immediately
            // comes back by itself, as charon's close_action=restart or an always-on cloud VPN does
            _keepUp.AfterPeerDelete(connection, Services.Now - sa.EstablishedAt);
        }
    }

    public void Raise(IkeSa sa, EngineEventType type, string detail, NegotiationDiagnostic? diagnostic = null) =>
        _raise(new EngineEvent(sa.Connection.Name, type, detail, Services.Now, diagnostic));

    public ITimer Schedule(TimeSpan delay, Action callback) =>
        Services.Time.CreateTimer(_ => _post(callback), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);

    public void ScheduleChildRekeyRetry(IkeSa sa, ChildSa child)
    {
        child.RekeyTimer?.Dispose();
        child.RekeyTimer = Schedule(RetryDelay(), () => OnChildRekeyDue(child));
    }

    public void ScheduleIkeRekeyRetry(IkeSa sa) => sa.Timers.Add(Schedule(RetryDelay(), () => OnIkeRekeyDue(sa)));

    public void SelectConnectionForPeer(IkeSa sa, IdPayload initiatorId, IdPayload? responderId)
    {
        // a certificate connection whose remote ID is its peer CA's subject admits any gateway of that CA: IKE_AUTH's
        // certificate check decides, not the ID alone
        bool Fits(LoadedConnection c) =>
            ((c.Certificates is { RemoteIdIsPeerCa: true } && initiatorId.IdType == Ike.Encoding.IdentificationType.DerAsn1Dn)
                || LoadedConnection.SameIdentity(LoadedConnection.IdAs(c.RemoteIdPayload, PayloadType.IdentificationInitiator), initiatorId))
            && (responderId is null || LoadedConnection.SameIdentity(LoadedConnection.IdAs(c.LocalIdPayload, PayloadType.IdentificationResponder), responderId))
            && sa.Suite is { } suite && c.IkeOffer.Encryption.Contains(suite.Encryption) && c.IkeOffer.Integrity.Contains(suite.Prf)
            && c.IkeOffer.Integrity.Contains(suite.Integrity) && c.IkeOffer.Groups.Contains(suite.Group);

        if (Fits(sa.Connection))
        {
            return;
        }

        LoadedConnection? better = _connections.Values.FirstOrDefault(c => c.Matches(sa.Local.Address, sa.Remote.Address) && Fits(c));
        if (better is not null)
        {
            sa.Connection = better;
        }
    }

    // ---- IKE datagrams ----

    private void OnIke(Datagram datagram, ReadOnlyMemory<byte> bytes)
    {
        if (!IkeHeader.TryRead(bytes.Span, out IkeHeader header))
        {
            Drop(datagram, "shorter than an IKE header");
            return;
        }

        if (header.MajorVersion == Ike.Encoding.V1.IsakmpHeader.CurrentMajorVersion)
        {
            // ISAKMP (RFC 2408 §3.1: major version 1) shares the ports with IKEv2
            Ikev1.OnDatagram(datagram, bytes);
            return;
        }

        if (header.MajorVersion != IkeHeader.CurrentMajorVersion)
        {
            OnOtherMajorVersion(datagram, header);
            return;
        }

        if (header.ExchangeType == ExchangeType.IkeSaInit && !header.IsResponse)
        {
            OnInitRequest(datagram, bytes, header);
            return;
        }

        // the sender's role tells which SPI is ours: the original initiator's messages carry our SPI as SPIr
        ulong ourSpi = header.IsFromOriginalInitiator ? header.ResponderSpi : header.InitiatorSpi;
        if (!_sas.TryGetValue(ourSpi, out IkeSa? sa) || sa.State == IkeSaState.Destroyed)
        {
            OnUnknownSpi(datagram, bytes, header);
            return;
        }

        bool initResponse = header.ExchangeType == ExchangeType.IkeSaInit;
        if (initResponse != !sa.HasKeys || (!initResponse && (header.InitiatorSpi != sa.InitiatorSpi || header.ResponderSpi != sa.ResponderSpi)))
        {
            Drop(datagram, "SPIs or exchange do not fit the IKE SA's state");
            return;
        }

        DecodeResult result = IkeMessageCodec.Decode(bytes.Span, initResponse ? null : sa.InboundFor(header));
        if (!result.IsOk)
        {
            if (!OnUnprotectedInvalidIkeSpi(sa, datagram, result))
            {
                OnUndecodable(sa, datagram, bytes, header, result);
            }

            return;
        }

        IkeMessage message = result.Message;
        if (!initResponse)
        {
            OnAuthenticatedFrom(sa, datagram);
        }

        sa.Tasks.OnMessage(message);
    }

    /// <summary>
    /// §2.21.2 / §2.5: a protected request that passed its ICV but is malformed or breaks the exchange's rules is answered
    /// with INVALID_SYNTAX, one with an unknown critical payload with UNSUPPORTED_CRITICAL_PAYLOAD; everything else
    /// (failed ICV, unprotected garbage, responses) is dropped without a word.
    /// </summary>
    private void OnUndecodable(IkeSa sa, Datagram datagram, ReadOnlyMemory<byte> bytes, IkeHeader header, DecodeResult result)
    {
        MessageProtection? protection = sa.InboundFor(header);
        bool authentic = protection is not null && bytes.Length > protection.IcvSize && header.ExchangeType != ExchangeType.IkeSaInit
            && protection.VerifyIcv(bytes.Span[..^protection.IcvSize], bytes.Span[^protection.IcvSize..]);
        NotifyType? answer = result.Status switch
        {
            DecodeStatus.UnsupportedCriticalPayload => NotifyType.UnsupportedCriticalPayload,
            DecodeStatus.Malformed or DecodeStatus.RuleViolation => NotifyType.InvalidSyntax,
            _ => null,
        };
        if (!authentic || answer is null || header.IsResponse)
        {
            Drop(datagram, result.ToString());
            return;
        }

        OnAuthenticatedFrom(sa, datagram);
        sa.Tasks.RespondWithError(header, answer.Value);
    }

    private void OnInitRequest(Datagram datagram, ReadOnlyMemory<byte> bytes, IkeHeader header)
    {
        if (header.ResponderSpi != 0)
        {
            Drop(datagram, "IKE_SA_INIT request with a responder SPI");
            return;
        }

        // the same initiator's SPI from the same address: a retransmission (or a duplicate), also after the SA moved on
        IkeSa? known = _halfOpen.GetValueOrDefault((header.InitiatorSpi, datagram.Remote))
            ?? _sas.Values.FirstOrDefault(s => !s.IsOriginalInitiator && s.InitiatorSpi == header.InitiatorSpi
                && s.Remote.Address.Equals(datagram.Remote.Address) && s.InitRequest.Length > 0);
        if (known is not null)
        {
            // §2.1: a retransmitted IKE_SA_INIT gets the same answer; a new SA would break the peer's AUTH
            if (known.Tasks.LastResponse is { MessageId: 0 } cached)
            {
                Send(known, cached.Packet);
            }

            return;
        }

        DecodeResult result = IkeMessageCodec.Decode(bytes.Span, protection: null);
        if (!result.IsOk)
        {
            // unauthenticated garbage: answering would only help an attacker (§2.21.2)
            Drop(datagram, result.ToString());
            return;
        }

        IkeMessage message = result.Message;
        if (_halfOpen.Count >= Services.Timing.CookieThreshold && !HasValidCookie(message, datagram))
        {
            SendCookieRequest(datagram, message);
            return;
        }

        var candidates = _connections.Values.Where(c => c.Matches(datagram.Local.Address, datagram.Remote.Address)).ToList();
        if (candidates.Count == 0)
        {
            Drop(datagram, "no connection for these addresses");
            return;
        }

        var offered = message.Find<SaPayload>()!;
        LoadedConnection connection = candidates.FirstOrDefault(c => ProposalSelector.SelectIke(c.IkeOffer, offered) is not null) ?? candidates[0];
        var sa = new IkeSa(this, connection, isOriginalInitiator: false, header.InitiatorSpi, AllocateIkeSpi(), datagram.Local, datagram.Remote)
        {
            CreatedAt = Services.Now,
            LastInbound = Services.Now,
            InitRequest = message.RawBytes.ToArray(),
        };
        _sas[sa.ResponderSpi] = sa;
        _halfOpen[(sa.InitiatorSpi, datagram.Remote)] = sa;
        // a half-open SA that never authenticates goes away by itself (and with it its weight in the cookie threshold)
        sa.Timers.Add(Schedule(Services.Timing.HalfOpenTimeout, () =>
        {
            if (sa.State is IkeSaState.Created or IkeSaState.Connecting)
            {
                Destroy(sa, Diag.Timeout(ExchangeType.IkeAuth, sa.Remote.ToString(), 0), EngineEventType.NegotiationFailed);
            }
        }));
        sa.Tasks.OnMessage(message);
    }

    private void OnCookieSecretDue()
    {
        _cookies.Rotate();
        EngineLog.CookieSecretRotated(Services.Log);
    }

    private bool HasValidCookie(IkeMessage message, Datagram datagram) =>
        message.FindNotify(NotifyType.Cookie) is { } cookie && message.Find<NoncePayload>() is { } nonce
        && _cookies.Verify(cookie.Data.Span, nonce.Data.Span, datagram.Remote.Address, message.InitiatorSpi);

    /// <summary>§2.6: HDR(A,0), N(COOKIE) — stateless, nothing is kept for this initiator.</summary>
    private void SendCookieRequest(Datagram datagram, IkeMessage request)
    {
        EngineLog.RequestingCookie(Services.Log, datagram.Remote.ToString(), _halfOpen.Count);
        byte[] cookie = _cookies.Make(request.Find<NoncePayload>()!.Data.Span, datagram.Remote.Address, request.InitiatorSpi);
        var answer = new IkeMessage(request.InitiatorSpi, 0, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, 0, [NotifyPayload.Create(NotifyType.Cookie, cookie)]);
        byte[] packet = IkeMessageCodec.Encode(answer, null);
        _send(new Datagram(datagram.Local, datagram.Remote, IkeFraming.Frame(packet, datagram.Local, datagram.Remote)));
    }

    /// <summary>An authenticated message: the peer is alive, and behind a NAT its address may have moved (§2.23).</summary>
    private void OnAuthenticatedFrom(IkeSa sa, Datagram datagram)
    {
        sa.LastInbound = Services.Now;
        if (sa.NatDetected && (!sa.Remote.Equals(datagram.Remote) || !sa.Local.Equals(datagram.Local)))
        {
            sa.Local = datagram.Local;
            sa.Remote = datagram.Remote;
            foreach (ChildSa child in sa.Children)
            {
                Services.Kernel.UpdateEndpoints(child.InboundSpi, sa.Local, sa.Remote);
            }
        }
    }

    private void Drop(Datagram datagram, string reason) =>
        EngineLog.DatagramDropped(Services.Log, datagram.Remote.ToString(), datagram.Local.ToString(), reason);

    private IPEndPoint NatTraversalEndpointFor(IPEndPoint local)
    {
        var sameAddress = _localEndpoints.Where(e => e.Address.Equals(local.Address)).ToList();
        return sameAddress.FirstOrDefault(e => e.Port == Rfc7296Limits.NatTraversalPort)
            ?? sameAddress.FirstOrDefault(e => e.Port != local.Port)
            ?? local;
    }

    private TimeSpan RetryDelay() =>
        Services.Timing.RetransmitTimeout * (1 + (2 * Services.NextFraction()));

    private void DeleteIkeSa(IkeSa sa)
    {
        if (sa.Tasks.HasTask(t => t.Type == IkeTaskType.IkeDelete))
        {
            return;
        }

        sa.Tasks.ClearQueue(_ => true);
        if (sa.State is not (IkeSaState.Rekeyed or IkeSaState.Passive))
        {
            sa.State = IkeSaState.Deleting;
        }

        sa.Tasks.Queue(ExchangeType.Informational, IkeDelete.ForInitiator(sa));
        sa.Tasks.Initiate();
    }
}
