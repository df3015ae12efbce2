using Ike.Engine.Api;

namespace Ike.Agent.Control.Views;

/// <summary>An engine event relayed by <c>watch</c>; <see cref="Type"/> is the <see cref="EngineEventType"/> name.</summary>
public sealed record EventView(string Connection, string Type, string Detail, DateTimeOffset At, DiagnosticView? Diagnostic)
{
    public static EventView From(EngineEvent e) => new(e.Connection, e.Type.ToString(), e.Detail, e.At, DiagnosticView.From(e.Diagnostic));
}
