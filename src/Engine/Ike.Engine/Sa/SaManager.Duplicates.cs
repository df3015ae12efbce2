using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V2.Tasks;

namespace Ike.Engine.Sa;

/// <summary>
/// Duplicate IKE SAs of one connection: both ends initiated at once (our engine restarted and came back while the
/// peer's DPD restarted the connection from its side, or two on-traffic starts crossed). RFC 7296 names no rule for
/// two fresh IKE SAs, so the one of rekey collisions (§2.8.1/§2.8.2) is applied to the two IKE_SA_INIT exchanges: the
/// SA whose exchange holds the lowest of the four nonces is redundant and its creator deletes it. Both ends compute the
/// same answer, so at most one Delete is sent per duplicate. A peer that keeps duplicates (charon does) never deletes
/// its own redundant SA: when it created the loser, we delete it ourselves after <see cref="IkeTimingOptions.DeleteTimeout"/>.
/// The retired SA is <see cref="IkeSaState.Passive"/>, so its end (and its CHILD SAs') is not reported as the
/// connection going down: the connection stays up on the surviving SA.
/// </summary>
internal sealed partial class SaManager
{
    /// <summary>Runs after the work item that established <paramref name="sa"/> (never inside IKE_AUTH's processing).</summary>
    private void ScheduleDuplicateCheck(IkeSa sa) => _post(() => ResolveDuplicates(sa.Connection.Name, peerGrace: false));

    private void ResolveDuplicates(string connection, bool peerGrace)
    {
        List<IkeSa> established = EstablishedSas(connection);
        if (established.Count < 2)
        {
            return;
        }

        // Only SAs born together are duplicates of each other. An older SA silent since before the newest one came up
        // may be one the peer lost (a reboot without INITIAL_CONTACT): were it the survivor, deleting the new one would
        // leave the tunnel on an SA the peer does not have. It is left to DPD, whose verdict on it is not news either
        // while the connection is up on the new SA.
        DateTimeOffset newest = established.Max(s => s.EstablishedAt);
        established = [.. established.Where(s => Max(s.EstablishedAt, s.LastInbound) >= newest - Services.Timing.DeleteTimeout)];
        if (established.Count < 2)
        {
            return;
        }

        // the survivor is the SA whose lower nonce is the highest: every other one holds a nonce lower than all of its
        IkeSa survivor = established.Aggregate((a, b) => LowerNonce(a).AsSpan().SequenceCompareTo(LowerNonce(b)) >= 0 ? a : b);
        bool peerOwesDelete = false;
        foreach (IkeSa redundant in established.Where(s => !ReferenceEquals(s, survivor)))
        {
            if (redundant.IsOriginalInitiator || peerGrace)
            {
                Retire(redundant, redundant.IsOriginalInitiator
                    ? $"duplicate of {survivor.Describe()}: it holds the lowest nonce and we created it, deleting it (§2.8.1 rule)"
                    : $"duplicate of {survivor.Describe()}: the peer created it and did not delete it, deleting it ourselves");
            }
            else
            {
                peerOwesDelete = true;
            }
        }

        if (peerOwesDelete)
        {
            survivor.Timers.Add(Schedule(Services.Timing.DeleteTimeout, () => ResolveDuplicates(connection, peerGrace: true)));
        }
    }

    public bool IsOnlyIkeSaOfConnection(IkeSa sa) =>
        !Sas.Any(o => !ReferenceEquals(o, sa) && o.Connection.Name == sa.Connection.Name);

    /// <summary>
    /// RFC 7296 §3.10.1: INITIAL_CONTACT "asserts that this IKE SA is the only IKE SA currently active between the
    /// authenticated identities"; the recipient "MAY use this information to delete any other IKE SAs it has to the same
    /// authenticated identity without waiting for a timeout". Only SAs established before this negotiation began are
    /// the peer's past (a rebooted device): they are dropped without a Delete, which the peer could not read. Their end
    /// is not news, the connection is up on <paramref name="sa"/>.
    /// </summary>
    public void OnInitialContact(IkeSa sa)
    {
        foreach (IkeSa stale in Sas.Where(o => !ReferenceEquals(o, sa) && o.Connection.Name == sa.Connection.Name
            && o.State is IkeSaState.Established or IkeSaState.Rekeying && o.EstablishedAt < sa.CreatedAt).ToList())
        {
            EngineLog.Collision(Services.Log, stale.Describe(), $"the peer's INITIAL_CONTACT on {sa.Describe()} says it lost this SA: dropping it");
            Destroy(stale, null, Api.EngineEventType.IkeSaDeleted);
        }
    }

    private void Retire(IkeSa redundant, string why)
    {
        redundant.State = IkeSaState.Passive;
        EngineLog.Collision(Services.Log, redundant.Describe(), why);
        DeleteIkeSa(redundant);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private List<IkeSa> EstablishedSas(string connection) =>
        [.. Sas.Where(s => s.State == IkeSaState.Established && s.Connection.Name == connection)];

    private static byte[] LowerNonce(IkeSa sa) => ChildRekey.Lowest(sa.NonceInitiator, sa.NonceResponder);

    /// <summary>Another IKE SA of the same connection is established: this one's end does not take the connection down.</summary>
    private bool ConnectionStaysUpWithout(IkeSa sa) =>
        Sas.Any(o => !ReferenceEquals(o, sa) && o.State == IkeSaState.Established && o.Connection.Name == sa.Connection.Name);
}
