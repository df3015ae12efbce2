using Ike.Engine.Api;

namespace Ike.Agent.Control.Views;

/// <summary>Why a negotiation failed, as the engine said: the exchange, the side that refused ("local", "peer",
/// "network"), the notify or reason, and the sentence for a network engineer.</summary>
public sealed record DiagnosticView(string Exchange, string Side, string Reason, string Message)
{
    public static DiagnosticView? From(NegotiationDiagnostic? diagnostic) => diagnostic is null ? null
        : new DiagnosticView(diagnostic.Exchange, diagnostic.Side, diagnostic.Reason, diagnostic.Message);
}
