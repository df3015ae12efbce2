using Ike.Engine.Api;
using Ipsec.Crypto.Kdf;

namespace Ike.Engine.Sa;

/// <summary>The engine core as tasks and the task manager see it: the SA tables, the wire and the event sink.</summary>
internal interface ISaHost
{
    EngineServices Services { get; }

    /// <summary>Sends one IKE message on the SA's current endpoints, adding the non-ESP marker where the ports need it.</summary>
    void Send(IkeSa sa, byte[] ikeMessage);

    /// <summary>A new random IKE SPI that names no SA of ours.</summary>
    ulong AllocateIkeSpi();

    /// <summary>IKE_SA_INIT decided there is a NAT (or we force UDP encapsulation): move to the NAT-T port (§2.23).</summary>
    void FloatToNatTraversal(IkeSa sa);

    /// <summary>The first IKE_AUTH completed: timers start, the event is raised.</summary>
    void OnIkeSaEstablished(IkeSa sa);

    /// <summary>§2.4/§3.10.1: whether this IKE SA is the only one of its connection, so our IKE_AUTH may carry
    /// INITIAL_CONTACT.</summary>
    bool IsOnlyIkeSaOfConnection(IkeSa sa);

    /// <summary>The peer said INITIAL_CONTACT in the IKE_AUTH that established <paramref name="sa"/>: IKE SAs of the
    /// connection established before this negotiation began belong to the peer's earlier incarnation.</summary>
    void OnInitialContact(IkeSa sa);

    /// <summary>Installs a CHILD SA's ESP keys (our inbound and outbound directions) and starts its lifetime timers.
    /// <paramref name="rekeyOf"/> is the CHILD SA it replaces, if any.</summary>
    void InstallChild(IkeSa sa, ChildSa child, ChildSaKeys keys, bool weInitiatedExchange, ChildSa? rekeyOf);

    /// <summary>Removes a CHILD SA from the data path and from its IKE SA.</summary>
    void RemoveChild(IkeSa sa, ChildSa child, string reason);

    /// <summary>An IKE rekey made <paramref name="newSa"/>: it takes over the CHILD SAs and the tables.</summary>
    void AdoptRekeyedIkeSa(IkeSa oldSa, IkeSa newSa);

    /// <summary>§2.8.2: the peer's rekey of <paramref name="oldSa"/> made <paramref name="successor"/> while our own rekey
    /// of it is outstanding. It is kept <see cref="IkeSaState.Passive"/> (in the tables, so the peer can delete it) until
    /// the nonce rule decides; one nobody adopts or deletes goes away by itself.</summary>
    void HoldPassiveSuccessor(IkeSa oldSa, IkeSa successor);

    /// <summary>§2.8.2: the IKE SA our rekey made holds the lowest nonce of the collision: we created it, so we delete it.</summary>
    void RetireRedundantIkeSa(IkeSa redundant);

    /// <summary>Ends an IKE SA (keys wiped, children removed). <paramref name="failure"/> when it died of a failure.</summary>
    void Destroy(IkeSa sa, NegotiationDiagnostic? failure, EngineEventType eventType);

    /// <summary>Raises an engine event for the SA's connection.</summary>
    void Raise(IkeSa sa, EngineEventType type, string detail, NegotiationDiagnostic? diagnostic = null);

    /// <summary>A rekey of <paramref name="child"/> did not complete: try again a little later (before its hard expiry).</summary>
    void ScheduleChildRekeyRetry(IkeSa sa, ChildSa child);

    /// <summary>An IKE rekey did not complete: try again after a random delay (a collision resolves itself).</summary>
    void ScheduleIkeRekeyRetry(IkeSa sa);

    /// <summary>IKE_AUTH responder: the peer's IDi (and IDr) may name another loaded connection on the same endpoints
    /// with the same IKE offer; switch the SA to it.</summary>
    void SelectConnectionForPeer(IkeSa sa, Ike.Encoding.V2.Payloads.IdPayload initiatorId, Ike.Encoding.V2.Payloads.IdPayload? responderId);

    /// <summary>Runs <paramref name="callback"/> on the engine loop after <paramref name="delay"/>.</summary>
    ITimer Schedule(TimeSpan delay, Action callback);
}
