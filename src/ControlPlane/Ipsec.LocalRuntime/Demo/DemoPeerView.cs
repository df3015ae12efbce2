namespace Ipsec.LocalRuntime.Demo;

/// <summary>What the API shows of a running demo customer gateway: who plays it where, a message that says what happens
/// next, and (GET) its SAs.</summary>
sealed record DemoPeerView(string ConnectionId, string Peer, string Address, int IkePort, int NatPort, string Message,
    IReadOnlyList<DemoIkeSa>? Sas = null, IReadOnlyList<string>? ListSas = null);
