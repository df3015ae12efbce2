namespace Ike.HandshakeBench.Initiator;

/// <summary>What a handshake does after a response: send the next request, or stop (with a failure reason, or not).
/// <see cref="Established"/> is set on the step that verified the responder's AUTH (and, with a CHILD SA, its SA).</summary>
internal readonly record struct StepResult(byte[]? Send, bool Established, string? Failure)
{
    public static StepResult Next(byte[] send, bool established = false) => new(send, established, null);

    public static StepResult Done() => new(null, false, null);

    public static StepResult Fail(string reason) => new(null, false, reason);
}
