using System.Net;
using Ike.Encoding;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V1.Tasks;
using Ike.Engine.Timing;
using Ipsec.Crypto.Kdf;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;

namespace Ike.Engine.Sa.V1;

/// <summary>What the ISAKMP SAs and their tasks ask of the core (<see cref="IIsakmpHost"/>).</summary>
internal sealed partial class Ikev1Manager
{
    public void Send(IsakmpSa sa, byte[] message)
    {
        sa.LastOutbound = Services.Now;
        SendRaw(sa, message);
    }

    public void FloatToNatTraversal(IsakmpSa sa)
    {
        // RFC 3947 §4: the initiator moves to port 4500; with custom ports, like strongSwan, our source moves to our
        // NAT-T port and the destination changes only away from 500
        IPEndPoint local = _natTraversalEndpointFor(sa.Local);
        IPEndPoint remote = sa.Remote.Port == Rfc7296Limits.IkePort ? new IPEndPoint(sa.Remote.Address, Rfc7296Limits.NatTraversalPort) : sa.Remote;
        EngineLog.FloatingToNatT(Services.Log, sa.Describe(), sa.LocalBehindNat, sa.RemoteBehindNat, $"{local} -> {remote}");
        sa.Local = local;
        sa.Remote = remote;
    }

    public IReadOnlyList<LoadedConnection> ResponderCandidates(IsakmpSa sa) =>
        [.. _connections.Values.Where(c => c.Config.Protocol == sa.Connection.Config.Protocol && c.Matches(sa.Local.Address, sa.Remote.Address))];

    /// <summary>A protected message of this SA checked out: behind a NAT the peer may have moved (it floats to 4500 with
    /// its first encrypted message, RFC 3947 §4, or its NAT rebinds), so replies and ESP follow it.</summary>
    public void OnProtectedMessageFrom(IsakmpSa sa, IPEndPoint local, IPEndPoint remote)
    {
        sa.LastInbound = Services.Now;
        if (sa.NatTraversal != NatTraversalDialect.None && (!sa.Local.Equals(local) || !sa.Remote.Equals(remote)))
        {
            sa.Local = local;
            sa.Remote = remote;
            foreach (ChildSa child in sa.Children)
            {
                Services.Kernel.UpdateEndpoints(child.InboundSpi, local, remote);
            }
        }
    }

    public void OnPhase1Established(IsakmpSa sa)
    {
        _halfOpen.Remove((sa.InitiatorCookie, sa.Remote));
        foreach (var stale in _halfOpen.Where(pair => ReferenceEquals(pair.Value, sa)).Select(pair => pair.Key).ToList())
        {
            _halfOpen.Remove(stale);
        }

        sa.State = IkeSaState.Established;
        sa.EstablishedAt = Services.Now;
        _keepUp.Reset(sa.Connection.Name);
        foreach (ITimer timer in sa.Timers)
        {
            // the half-open give-up timer: it is established now
            timer.Dispose();
        }

        sa.Timers.Clear();
        EngineLog.IsakmpSaEstablished(Services.Log, sa.Describe(), sa.Local.ToString(), sa.Remote.ToString(), sa.Suite!.ToString(), sa.NatDetected, sa.PeerSupportsDpd);
        string algorithms = SaManager.SnapshotAlgorithms(sa.Suite);
        IsakmpSa? predecessor = sa.Replaces ?? PredecessorOf(sa);
        if (predecessor is not null)
        {
            AdoptChildren(predecessor, sa);
            Raise(sa, EngineEventType.IkeSaRekeyed, $"{predecessor.Describe()} rekeyed into {sa.Describe()} {algorithms}");
            if (sa.Replaces is not null)
            {
                // our rekey: the old SA goes, over itself (RFC 2409 §5.7 Delete with its cookie pair)
                SendDeletes(predecessor, [], deleteIsakmpSa: true);
                Destroy(predecessor, null, EngineEventType.IkeSaDeleted);
            }
            else
            {
                // the peer's reauthentication: it deletes the old SA; should that never come, the old SA's expiry does
                predecessor.State = IkeSaState.Rekeyed;
            }
        }
        else
        {
            Raise(sa, EngineEventType.IkeSaEstablished, $"{Frame(sa)} {algorithms}");
        }

        StartIsakmpTimers(sa);
        sa.Exchanges.ReleaseHeld();
        if (sa.State == IkeSaState.Established && sa.IsInitiator && sa.Children.Count == 0 && !sa.Exchanges.ActiveQuickModes.Any())
        {
            sa.Exchanges.StartQuickMode([QuickMode.ForInitiator(sa)]);
        }
    }

    public void InstallChild(IsakmpSa sa, ChildSa child, ChildSaKeys keys, bool weInitiated, ChildSa? rekeyOf)
    {
        try
        {
            Services.Kernel.AddSa(child.InboundSpi, child.OutboundSpi, child.Suite, keys, weInitiated, sa.Local, sa.Remote, child.UdpEncapsulated);
        }
        finally
        {
            keys.Dispose();
        }

        // IKEv1 has no REKEY_SA notify: a new pair for the same selectors is the peer's rekey of the old one
        rekeyOf ??= ChildrenOf(sa.Connection.Name).FirstOrDefault(c => c.State == ChildSaState.Installed && SameSelectors(c, child));
        sa.Children.Add(child);
        StartChildTimers(child);
        EngineLog.ChildInstalled(Services.Log, sa.Describe(), child.ToString(), child.Suite.ToString(),
            TrafficSelectors.Describe(child.LocalTs), TrafficSelectors.Describe(child.RemoteTs));
        if (rekeyOf is not null && rekeyOf.State == ChildSaState.Installed)
        {
            rekeyOf.State = ChildSaState.Rekeyed;
            Raise(sa, EngineEventType.ChildSaRekeyed, $"{rekeyOf} rekeyed into {child} {SaManager.SnapshotAlgorithms(child.Suite)}");
            // IKEv1 has no rule for who deletes the old pair (strongSwan 5.9 leaves it to expire when it rekeyed as
            // initiator); like strongSwan's delete_rekeyed_delay we delete ours a moment later, whichever side
            // rekeyed, so two pairs never live out a whole lifetime side by side
            ChildSa old = rekeyOf;
            sa.Timers.Add(Schedule(Services.Timing.DeleteTimeout, () => DeleteChild(old, "rekeyed")));
        }
        else
        {
            Raise(sa, EngineEventType.ChildSaEstablished,
                $"{child} {SaManager.SnapshotAlgorithms(child.Suite)} {TrafficSelectors.Describe(child.LocalTs)} === {TrafficSelectors.Describe(child.RemoteTs)}");
        }

        foreach (Action<NegotiationResult> waiter in sa.EstablishmentWaiters)
        {
            waiter(NegotiationResult.Success);
        }

        sa.EstablishmentWaiters.Clear();
    }

    public void OnQuickModeFailed(IsakmpSa sa, NegotiationDiagnostic? failure)
    {
        if (failure is not null)
        {
            sa.Failure ??= failure;
            Raise(sa, EngineEventType.NegotiationFailed, failure.Message, failure);
        }

        if (sa.Children.Count == 0 && sa.EstablishmentWaiters.Count > 0)
        {
            var result = new NegotiationResult(false, failure ?? sa.Failure ?? Diag.LocalFailure(Diag.QuickMode, "NO_IPSEC_SA", "the ISAKMP SA is up but no IPsec SA was installed"));
            foreach (Action<NegotiationResult> waiter in sa.EstablishmentWaiters)
            {
                waiter(result);
            }

            sa.EstablishmentWaiters.Clear();
        }
    }

    public void OnInformational(IsakmpSa sa, IsakmpMessage message)
    {
        foreach (IsakmpPayload payload in message.Payloads)
        {
            switch (payload)
            {
                case DeletePayload delete when delete.ProtocolId == IpsecProtocolId.Esp:
                    foreach (uint spi in delete.GetIpsecSpis())
                    {
                        // the SPI the peer receives on is the one we send with
                        if (ChildrenOf(sa.Connection.Name).FirstOrDefault(c => c.OutboundSpi == spi) is { } child)
                        {
                            EngineLog.V1PeerDeleted(Services.Log, sa.Describe(), child.ToString());
                            RemoveChild(child, "deleted by the peer");
                        }
                    }

                    break;
                case DeletePayload delete when delete.TryGetCookies(out ulong initiatorCookie, out ulong responderCookie):
                    if (Sas.FirstOrDefault(s => s.InitiatorCookie == initiatorCookie && s.ResponderCookie == responderCookie
                        && s.Connection.Name == sa.Connection.Name) is { } target)
                    {
                        EngineLog.V1PeerDeleted(Services.Log, target.Describe(), "the ISAKMP SA");
                        OnPeerDeletedIsakmpSa(target);
                    }

                    break;
                case NotificationPayload notify:
                    OnNotify(sa, notify);
                    break;
            }
        }
    }

    public void Destroy(IsakmpSa sa, NegotiationDiagnostic? failure, EngineEventType eventType)
    {
        if (sa.State == IkeSaState.Destroyed)
        {
            return;
        }

        bool wasRekeyed = sa.State == IkeSaState.Rekeyed;
        bool wasEstablished = sa.IsEstablished || sa.State == IkeSaState.Deleting;
        foreach (ChildSa child in sa.Children.ToList())
        {
            RemoveChild(child, "its ISAKMP SA ended");
        }

        if (_initiated.TryGetValue(sa.InitiatorCookie, out IsakmpSa? initiated) && ReferenceEquals(initiated, sa))
        {
            _initiated.Remove(sa.InitiatorCookie);
        }

        if (_responded.TryGetValue(sa.ResponderCookie, out IsakmpSa? responded) && ReferenceEquals(responded, sa))
        {
            _responded.Remove(sa.ResponderCookie);
        }

        foreach (var key in _halfOpen.Where(pair => ReferenceEquals(pair.Value, sa)).Select(pair => pair.Key).ToList())
        {
            _halfOpen.Remove(key);
        }

        NegotiationDiagnostic? reported = failure ?? sa.Failure;
        EngineLog.IkeSaDestroyed(Services.Log, sa.Describe(), reported?.Message ?? eventType.ToString());
        var result = new NegotiationResult(false, reported ?? Diag.LocalFailure(Diag.MainMode, "DELETED", "the ISAKMP SA was deleted before an IPsec SA was installed"));
        foreach (Action<NegotiationResult> waiter in sa.EstablishmentWaiters)
        {
            waiter(result);
        }

        sa.EstablishmentWaiters.Clear();
        if (!wasRekeyed && (eventType is EngineEventType.NegotiationFailed or EngineEventType.PeerDead || wasEstablished))
        {
            string detail = eventType switch
            {
                EngineEventType.PeerDead => $"{sa.Describe()}: peer {sa.Remote} is dead — {reported?.Message}",
                EngineEventType.NegotiationFailed => reported?.Message ?? "negotiation failed",
                _ => $"{sa.Describe()} deleted",
            };
            Raise(sa, eventType, detail, eventType == EngineEventType.IkeSaDeleted ? null : reported);
        }

        if (sa.Replaces is { State: IkeSaState.Rekeying } predecessor && !wasEstablished)
        {
            // our phase 1 rekey failed: the old SA carries on and tries again a little later, before its expiry
            predecessor.State = IkeSaState.Established;
            predecessor.Timers.Add(Schedule(Services.Timing.RetransmitTimeout * (1 + (2 * Services.NextFraction())), () => OnIsakmpRekeyDue(predecessor)));
        }

        List<Action> destroyWaiters = [.. sa.DestroyWaiters];
        sa.DestroyWaiters.Clear();
        LoadedConnection connection = sa.Connection;
        sa.Dispose();
        foreach (Action waiter in destroyWaiters)
        {
            waiter();
        }

        // PRODUCT.md §5: a dead peer of a connection that negotiates immediately is tried again, with backoff; so is one
        // whose peer deleted its last ISAKMP SA (a reset on the customer's device)
        bool connectionStaysUp = Sas.Any(s => s.IsEstablished && s.Connection.Name == connection.Name);
        if (eventType == EngineEventType.PeerDead && !connectionStaysUp)
        {
            _keepUp.AfterFailure(connection);
        }
        else if (eventType == EngineEventType.IkeSaDeleted && sa.DeletedByPeer && wasEstablished && !wasRekeyed && !connectionStaysUp)
        {
            _keepUp.AfterPeerDelete(connection, Services.Now - sa.EstablishedAt);
        }
    }

    public ITimer Schedule(TimeSpan delay, Action callback) =>
        Services.Time.CreateTimer(_ => _post(callback), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);

    /// <summary>R-U-THERE is answered, R-U-THERE-ACK ends a liveness check (RFC 3706 §5); an error answers the quick mode
    /// we are waiting on.</summary>
    private void OnNotify(IsakmpSa sa, NotificationPayload notify)
    {
        switch (notify.NotifyType)
        {
            case IsakmpNotifyType.RUThere when notify.Data.Length == 4:
                uint sequence = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(notify.Data.Span);
                EngineLog.V1Dpd(Services.Log, sa.Describe(), "R-U-THERE received, answering", sequence);
                sa.Exchanges.SendInformational([NotificationPayload.RUThereAck(sa.InitiatorCookie, sa.ResponderCookie, sequence)]);
                break;
            case IsakmpNotifyType.RUThereAck when notify.Data.Length == 4:
                uint acknowledged = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(notify.Data.Span);
                EngineLog.V1Dpd(Services.Log, sa.Describe(), "R-U-THERE-ACK received", acknowledged);
                if (sa.DpdOutstanding.Contains(acknowledged))
                {
                    sa.DpdOutstanding.Clear();
                }

                break;
            case var type when notify.IsError:
                EngineLog.V1NotifyReceived(Services.Log, sa.Describe(), Diag.NotifyName(type), "protected informational");
                if (sa.Exchanges.ActiveQuickModes.FirstOrDefault(e => e.WeInitiated) is { } pending)
                {
                    NegotiationDiagnostic failure = type switch
                    {
                        IsakmpNotifyType.NoProposalChosen => Diag.NoProposalChosenPeer(Diag.QuickMode, sa.Connection.ChildOffer.ToString()),
                        IsakmpNotifyType.InvalidIdInformation => Diag.PeerNotify(Diag.QuickMode, type,
                            $"peer accepts none of our identities {sa.Connection.Config.LocalSubnets[0]} === {sa.Connection.Config.RemoteSubnets[0]}"),
                        _ => Diag.PeerNotify(Diag.QuickMode, type, "peer refused the quick mode"),
                    };
                    sa.Exchanges.Abandon(pending);
                    OnQuickModeFailed(sa, failure);
                }

                break;
        }
    }

    /// <summary>The peer deleted an ISAKMP SA: its IPsec SAs live on under another established ISAKMP SA of the
    /// connection if there is one (IKEv1 IPsec SAs do not depend on the ISAKMP SA that made them, and strongSwan
    /// deletes the old ISAKMP SA after reauthenticating), otherwise they go with it.</summary>
    private void OnPeerDeletedIsakmpSa(IsakmpSa target)
    {
        if (Sas.FirstOrDefault(s => !ReferenceEquals(s, target) && s.IsEstablished && s.Connection.Name == target.Connection.Name
            && s.Remote.Address.Equals(target.Remote.Address)) is { } successor)
        {
            AdoptChildren(target, successor);
        }

        target.DeletedByPeer = true;
        Destroy(target, null, EngineEventType.IkeSaDeleted);
    }

    /// <summary>The other established ISAKMP SA of this connection and peer that a peer's new SA replaces (it
    /// reauthenticated), if any.</summary>
    private IsakmpSa? PredecessorOf(IsakmpSa sa) =>
        sa.IsInitiator ? null : Sas.FirstOrDefault(s => !ReferenceEquals(s, sa) && s.IsEstablished && s.Connection.Name == sa.Connection.Name
            && s.Remote.Address.Equals(sa.Remote.Address));

    private void AdoptChildren(IsakmpSa from, IsakmpSa to)
    {
        foreach (ChildSa child in from.Children)
        {
            to.Children.Add(child);
        }

        from.Children.Clear();
        foreach (Action<NegotiationResult> waiter in from.EstablishmentWaiters)
        {
            to.EstablishmentWaiters.Add(waiter);
        }

        from.EstablishmentWaiters.Clear();
    }

    private IEnumerable<ChildSa> ChildrenOf(string connection) => Sas.Where(s => s.Connection.Name == connection).SelectMany(s => s.Children);

    private static bool SameSelectors(ChildSa a, ChildSa b) =>
        a.LocalTs.SequenceEqual(b.LocalTs) && a.RemoteTs.SequenceEqual(b.RemoteTs);

    /// <summary>Removes an IPsec SA pair from the data path and from whichever ISAKMP SA holds it.</summary>
    private void RemoveChild(ChildSa child, string reason)
    {
        IsakmpSa? owner = Sas.FirstOrDefault(s => s.Children.Contains(child)) ?? _initiated.Values.Concat(_responded.Values).FirstOrDefault(s => s.Children.Contains(child));
        bool wasRekeyed = child.State == ChildSaState.Rekeyed;
        child.StopTimers();
        child.State = ChildSaState.Deleted;
        Services.Kernel.DeleteSa(child.InboundSpi);
        if (owner is null)
        {
            return;
        }

        owner.Children.Remove(child);
        EngineLog.ChildRemoved(Services.Log, owner.Describe(), child.ToString(), reason);
        if (!wasRekeyed)
        {
            Raise(owner, EngineEventType.ChildSaDeleted, $"{child} {reason}");
        }
    }

    /// <summary>Deletes one of our IPsec SA pairs and tells the peer (RFC 2409 §5.7).</summary>
    private void DeleteChild(ChildSa child, string reason)
    {
        if (child.State == ChildSaState.Deleted || Sas.FirstOrDefault(s => s.Children.Contains(child)) is not { } owner)
        {
            return;
        }

        SendDeletes(owner, [child], deleteIsakmpSa: false);
        RemoveChild(child, reason);
    }
}
