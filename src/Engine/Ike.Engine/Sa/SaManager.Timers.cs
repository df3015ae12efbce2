using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V2.Tasks;
using Ike.Engine.Timing;
using Ike.Engine.Transport;
using Ipsec.Esp.Encapsulation;

namespace Ike.Engine.Sa;

/// <summary>Timers named after the protocol events they stand for (wireguard-go timers.go): rekey due, lifetime
/// expired, DPD due, NAT keepalive due.</summary>
internal sealed partial class SaManager
{
    /// <summary>An IKE SA is up: rekey and hard expiry from its lifetime, DPD and NAT keepalives if configured.</summary>
    private void StartIkeTimers(IkeSa sa)
    {
        TimeSpan lifetime = sa.Connection.Config.IkeLifetime;
        TimeSpan rekeyAfter = RekeySchedule.RekeyAfter(lifetime, Services.Timing, Services.NextFraction());
        sa.RekeyAt = Services.Now + rekeyAfter;
        sa.Timers.Add(Schedule(rekeyAfter, () => OnIkeRekeyDue(sa)));
        sa.Timers.Add(Schedule(lifetime, () => OnIkeExpired(sa)));
        if (sa.Connection.Config.Dpd is { } dpd)
        {
            sa.Timers.Add(Schedule(dpd.Interval, () => OnDpdDue(sa)));
        }

        if (sa.LocalBehindNat && IkeFraming.UsesNonEspMarker(sa.Local, sa.Remote))
        {
            sa.Timers.Add(Schedule(Services.Timing.NatKeepaliveInterval, () => OnKeepaliveDue(sa)));
        }
    }

    private void OnIkeRekeyDue(IkeSa sa)
    {
        if (sa.State != IkeSaState.Established || sa.Tasks.HasTask(t => t.Type is IkeTaskType.IkeRekey or IkeTaskType.IkeDelete))
        {
            return;
        }

        sa.Tasks.Queue(ExchangeType.CreateChildSa, IkeRekey.ForInitiator(sa));
        sa.Tasks.Initiate();
    }

    /// <summary>The hard lifetime passed without a successful rekey: the SA must not be used any longer.</summary>
    private void OnIkeExpired(IkeSa sa)
    {
        if (sa.State is IkeSaState.Established or IkeSaState.Rekeying)
        {
            DeleteIkeSa(sa);
        }
    }

    private void OnChildRekeyDue(ChildSa child)
    {
        IkeSa? owner = FindOwner(child);
        if (owner is null || child.State != ChildSaState.Installed)
        {
            return;
        }

        if (owner.State != IkeSaState.Established || owner.Tasks.HasTask(t => t is ChildRekey rekey && ReferenceEquals(rekey.Old, child)))
        {
            // an IKE rekey or another exchange is under way: try again shortly
            ScheduleChildRekeyRetry(owner, child);
            return;
        }

        owner.Tasks.Queue(ExchangeType.CreateChildSa, ChildRekey.ForInitiator(owner, child));
        owner.Tasks.Initiate();
    }

    /// <summary>The hard lifetime passed (its rekey never succeeded, or the peer's replacement never came): the pair
    /// leaves the data path at once (RFC 4301 §4.4.2.1: an SA past its hard lifetime must not be used) and the peer is
    /// told with a Delete.</summary>
    private void OnChildExpired(ChildSa child)
    {
        IkeSa? owner = FindOwner(child);
        if (owner is null || child.State is ChildSaState.Deleting or ChildSaState.Deleted)
        {
            return;
        }

        if (child.State == ChildSaState.Rekeyed)
        {
            // replaced already, and the Delete of the old pair never came: it simply goes
            RemoveChild(owner, child, "hard lifetime expired after it was replaced");
            return;
        }

        child.StopTimers();
        Services.Kernel.DeleteSa(child.InboundSpi);
        EngineLog.ChildRemoved(Services.Log, owner.Describe(), child.ToString(), "hard lifetime expired");
        child.State = ChildSaState.Deleting;
        owner.Tasks.Queue(ExchangeType.Informational, ChildDelete.ForInitiator(owner, [child]));
        owner.Tasks.Initiate();
    }

    /// <summary>
    /// §2.4: when nothing came from the peer for the DPD interval and nothing of ours is outstanding, send an empty
    /// INFORMATIONAL; its retransmissions are fitted into the DPD timeout, so the peer is declared dead in time.
    /// </summary>
    private void OnDpdDue(IkeSa sa)
    {
        if (sa.State is IkeSaState.Destroyed or IkeSaState.Rekeyed || sa.Connection.Config.Dpd is not { } dpd)
        {
            return;
        }

        TimeSpan quiet = Services.Now - sa.LastInbound;
        TimeSpan next = dpd.Interval;
        if (quiet >= dpd.Interval && sa.Tasks.IsIdle && sa.State == IkeSaState.Established)
        {
            sa.Tasks.Queue(ExchangeType.Informational, Retransmission.FitInto(Services.Timing, dpd.Timeout), IkeDpd.ForInitiator());
            sa.Tasks.Initiate();
        }
        else if (quiet < dpd.Interval)
        {
            next = dpd.Interval - quiet;
        }

        sa.Timers.Add(Schedule(next, () => OnDpdDue(sa)));
    }

    /// <summary>RFC 3948 §2.3: behind a NAT, a one-octet 0xFF keeps the mapping alive when we were otherwise quiet.</summary>
    private void OnKeepaliveDue(IkeSa sa)
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

    private IkeSa? FindOwner(ChildSa child) => Sas.FirstOrDefault(sa => sa.Children.Contains(child));
}
