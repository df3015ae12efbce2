using System.Text.Json.Serialization;
using Ike.Agent.Control.Views;

namespace Ike.Agent.Control;

/// <summary>Serialization of the protocol's views, camelCase, generated at build time (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LoadView))]
[JsonSerializable(typeof(IReadOnlyList<ConnectionView>))]
[JsonSerializable(typeof(IReadOnlyList<IkeSaView>))]
[JsonSerializable(typeof(InitiateView))]
[JsonSerializable(typeof(TerminateView))]
[JsonSerializable(typeof(ProbeView))]
[JsonSerializable(typeof(EventView))]
[JsonSerializable(typeof(ErrorView))]
[JsonSerializable(typeof(WatchStartedView))]
internal sealed partial class ControlJson : JsonSerializerContext;
