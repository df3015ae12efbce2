namespace Ipsec.LocalRuntime.Demo;

/// <summary>An IKE SA the demo customer gateway holds, with its CHILD SAs (names and states as the peer reports them:
/// charon's ESTABLISHED/INSTALLED, or our engine's).</summary>
sealed record DemoIkeSa(string Name, string State, IReadOnlyList<DemoChildSa> Children);

sealed record DemoChildSa(string Name, string State);

/// <summary>What the peer says about its SAs: parsed, and (charon only) <c>swanctl --list-sas</c> as it prints it.</summary>
sealed record DemoPeerSas(IReadOnlyList<DemoIkeSa> Sas, IReadOnlyList<string>? ListSasOutput);
