using Ike.Encoding.V1;
using Ike.Engine.Api;
using Ike.Engine.Config;
using Ipsec.Crypto.Kdf;

namespace Ike.Engine.Sa.V1;

/// <summary>The IKEv1 engine core as the ISAKMP SAs, their exchanges and tasks see it (the IKEv1 twin of <see cref="ISaHost"/>).</summary>
internal interface IIsakmpHost
{
    EngineServices Services { get; }

    /// <summary>Sends one ISAKMP message on the SA's current endpoints, with the non-ESP marker where the ports need it.</summary>
    void Send(IsakmpSa sa, byte[] message);

    /// <summary>NAT-D found a NAT (or we force UDP encapsulation): the initiator moves to the NAT-T port (RFC 3947 §4).</summary>
    void FloatToNatTraversal(IsakmpSa sa);

    /// <summary>A protected message of the SA checked out: it came from the peer, whose endpoint may have moved.</summary>
    void OnProtectedMessageFrom(IsakmpSa sa, System.Net.IPEndPoint local, System.Net.IPEndPoint remote);

    /// <summary>The connections a responder may pick for a new ISAKMP SA on these endpoints, in this mode.</summary>
    IReadOnlyList<LoadedConnection> ResponderCandidates(IsakmpSa sa);

    /// <summary>Phase 1 completed: timers start, waiting quick modes start, the event is raised.</summary>
    void OnPhase1Established(IsakmpSa sa);

    /// <summary>Installs an IPsec SA pair in the ESP data path and starts its lifetime timers; <paramref name="rekeyOf"/>
    /// is the pair it replaces.</summary>
    void InstallChild(IsakmpSa sa, ChildSa child, ChildSaKeys keys, bool weInitiated, ChildSa? rekeyOf);

    /// <summary>A quick mode ended without an IPsec SA (its failure, null when it just went away).</summary>
    void OnQuickModeFailed(IsakmpSa sa, NegotiationDiagnostic? failure);

    /// <summary>An authenticated informational message (HASH(1) verified): deletes, DPD, error notifies.</summary>
    void OnInformational(IsakmpSa sa, IsakmpMessage message);

    /// <summary>Ends an ISAKMP SA (keys wiped, IPsec SAs removed unless another SA of the connection adopts them).</summary>
    void Destroy(IsakmpSa sa, NegotiationDiagnostic? failure, EngineEventType eventType);

    /// <summary>Runs <paramref name="callback"/> on the engine loop after <paramref name="delay"/>.</summary>
    ITimer Schedule(TimeSpan delay, Action callback);
}
