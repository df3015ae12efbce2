using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V1.Tasks;
using Ike.Engine.Timing;
using Ike.Engine.Transport;
using Ipsec.Esp.Encapsulation;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;

namespace Ike.Engine.Sa.V1;

/// <summary>IKEv1 timers named after the protocol events they stand for: ISAKMP SA rekey and expiry, IPsec SA rekey
/// and expiry, DPD due (RFC 3706), NAT keepalive due (RFC 3948 §2.3).</summary>
internal sealed partial class Ikev1Manager
{
    /// <summary>An ISAKMP SA is up: rekey (a new phase 1 that takes over the IPsec SAs) and hard expiry from the
    /// lifetime, DPD when configured and the peer speaks it, NAT keepalives behind a NAT.</summary>
    private void StartIsakmpTimers(IsakmpSa sa)
    {
        TimeSpan lifetime = sa.Connection.Config.IkeLifetime;
        TimeSpan rekeyAfter = RekeySchedule.RekeyAfter(lifetime, Services.Timing, Services.NextFraction());
        sa.RekeyAt = Services.Now + rekeyAfter;
        sa.Timers.Add(Schedule(rekeyAfter, () => OnIsakmpRekeyDue(sa)));
        sa.Timers.Add(Schedule(lifetime, () => OnIsakmpExpired(sa)));
        if (sa.Connection.Config.Dpd is { } dpd && sa.PeerSupportsDpd)
        {
            // RFC 3706 §7: start the sequence at a random value; keep clear of the wrap
            Span<byte> start = stackalloc byte[4];
            Services.Random.Fill(start);
            sa.DpdSequence = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(start) & 0x7FFFFFFF;
            sa.Timers.Add(Schedule(dpd.Interval, () => OnDpdDue(sa)));
        }

        if (sa.LocalBehindNat && IkeFraming.UsesNonEspMarker(sa.Local, sa.Remote))
        {
            sa.Timers.Add(Schedule(Services.Timing.NatKeepaliveInterval, () => OnKeepaliveDue(sa)));
        }
    }

    private void StartChildTimers(ChildSa child)
    {
        TimeSpan lifetime = ConnectionOf(child)?.Config.ChildLifetime ?? TimeSpan.FromHours(1);
        TimeSpan rekeyAfter = RekeySchedule.RekeyAfter(lifetime, Services.Timing, Services.NextFraction());
        child.RekeyAt = Services.Now + rekeyAfter;
        child.RekeyTimer = Schedule(rekeyAfter, () => OnChildRekeyDue(child));
        child.ExpireTimer = Schedule(lifetime, () => OnChildExpired(child));
    }

    /// <summary>Phase 1 rekey (IKEv1 has no in-place rekey: RFC 2409 negotiates a new ISAKMP SA): a new main or
    /// aggressive mode; when it is up it takes over the IPsec SAs and the old one is deleted.</summary>
    private void OnIsakmpRekeyDue(IsakmpSa sa)
    {
        if (sa.State != IkeSaState.Established || Sas.Any(s => ReferenceEquals(s.Replaces, sa))
            || !_connections.TryGetValue(sa.Connection.Name, out LoadedConnection? connection))
        {
            return;
        }

        sa.State = IkeSaState.Rekeying;
        StartPhase1(connection, replaces: sa);
    }

    /// <summary>The hard lifetime passed: the SA must not be used any longer (its IPsec SAs move to a successor if one
    /// is up, else they go with it).</summary>
    private void OnIsakmpExpired(IsakmpSa sa)
    {
        if (sa.State == IkeSaState.Destroyed)
        {
            return;
        }

        if (Sas.FirstOrDefault(s => !ReferenceEquals(s, sa) && s.IsEstablished && s.Connection.Name == sa.Connection.Name) is { } successor)
        {
            AdoptChildren(sa, successor);
        }

        SendDeletes(sa, sa.Children, deleteIsakmpSa: true);
        Destroy(sa, null, EngineEventType.IkeSaDeleted);
    }

    /// <summary>Phase 2 rekey: a new quick mode for the same subnets; the old pair is deleted once the new one is in.</summary>
    private void OnChildRekeyDue(ChildSa child)
    {
        if (child.State != ChildSaState.Installed)
        {
            return;
        }

        IsakmpSa? owner = Sas.FirstOrDefault(s => s.Children.Contains(child));
        if (owner is not { State: IkeSaState.Established })
        {
            // phase 1 is being renewed or is gone: try again shortly, before the hard expiry
            child.RekeyTimer?.Dispose();
            child.RekeyTimer = Schedule(Services.Timing.RetransmitTimeout * (1 + (2 * Services.NextFraction())), () => OnChildRekeyDue(child));
            if (owner is null && _connections.ContainsKey(child.Name))
            {
                Initiate(child.Name, _ => { });
            }

            return;
        }

        owner.Exchanges.StartQuickMode([QuickMode.ForInitiator(owner, rekeyOf: child)]);
        // should that quick mode fail, try again once its retransmissions are over (a rekeyed pair ignores this)
        child.RekeyTimer?.Dispose();
        child.RekeyTimer = Schedule(Retransmission.GiveUpAfter(Services.Timing), () => OnChildRekeyDue(child));
    }

    private void OnChildExpired(ChildSa child)
    {
        if (child.State is not (ChildSaState.Deleting or ChildSaState.Deleted))
        {
            DeleteChild(child, "its lifetime expired");
        }
    }

    /// <summary>
    /// RFC 3706 §5.3: when nothing came from the peer for the DPD interval, send R-U-THERE. Unanswered, it is sent again
    /// (a new one, with the next sequence number, §5.5) on the retransmission schedule fitted into the DPD timeout; when
    /// that is used up the peer is dead (PRODUCT.md §5).
    /// </summary>
    private void OnDpdDue(IsakmpSa sa)
    {
        if (!sa.IsEstablished || sa.Connection.Config.Dpd is not { } dpd)
        {
            return;
        }

        TimeSpan quiet = Services.Now - sa.LastInbound;
        TimeSpan next = dpd.Interval;
        if (quiet >= dpd.Interval && sa.DpdOutstanding.Count == 0)
        {
            SendRUThere(sa);
            sa.Timers.Add(Schedule(Retransmission.Delay(Retransmission.FitInto(Services.Timing, dpd.Timeout), 0), () => OnDpdRetry(sa, 0)));
        }
        else if (quiet < dpd.Interval)
        {
            next = dpd.Interval - quiet;
        }

        sa.Timers.Add(Schedule(next, () => OnDpdDue(sa)));
    }

    private void OnDpdRetry(IsakmpSa sa, int attempt)
    {
        if (!sa.IsEstablished || sa.DpdOutstanding.Count == 0 || sa.Connection.Config.Dpd is not { } dpd)
        {
            return;
        }

        IkeTimingOptions timing = Retransmission.FitInto(Services.Timing, dpd.Timeout);
        if (attempt >= timing.RetransmitTries)
        {
            NegotiationDiagnostic dead = Diag.Timeout("DPD", sa.Remote.ToString(), attempt, "no R-U-THERE-ACK");
            EngineLog.ExchangeTimedOut(Services.Log, sa.Describe(), dead.Message);
            Destroy(sa, dead, EngineEventType.PeerDead);
            return;
        }

        SendRUThere(sa);
        sa.Timers.Add(Schedule(Retransmission.Delay(timing, attempt + 1), () => OnDpdRetry(sa, attempt + 1)));
    }

    private void SendRUThere(IsakmpSa sa)
    {
        uint sequence = ++sa.DpdSequence;
        sa.DpdOutstanding.Add(sequence);
        EngineLog.V1Dpd(Services.Log, sa.Describe(), "sending R-U-THERE", sequence);
        sa.Exchanges.SendInformational([NotificationPayload.RUThere(sa.InitiatorCookie, sa.ResponderCookie, sequence)]);
    }

    /// <summary>RFC 3948 §2.3: behind a NAT, a one-octet 0xFF keeps the mapping alive when we were otherwise quiet.</summary>
    private void OnKeepaliveDue(IsakmpSa sa)
    {
        if (sa.State is IkeSaState.Destroyed or IkeSaState.Rekeyed)
        {
            return;
        }

        (bool sendNow, TimeSpan nextCheck) = NatKeepaliveSchedule.Decide(Services.Now, sa.LastOutbound, Services.Timing.NatKeepaliveInterval);
        if (sendNow)
        {
            sa.LastOutbound = Services.Now;
            _send(new Datagram(sa.Local, sa.Remote, UdpEncapsulation.NatKeepalive.ToArray()));
        }

        sa.Timers.Add(Schedule(nextCheck, () => OnKeepaliveDue(sa)));
    }

    private LoadedConnection? ConnectionOf(ChildSa child) => _connections.GetValueOrDefault(child.Name);
}
